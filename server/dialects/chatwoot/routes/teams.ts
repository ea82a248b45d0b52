import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  changeTeamMembers,
  type Core,
  createTeam,
  deleteTeam,
  type DialectOptions,
  getTeamByPublicId,
  getTeamIdsOfUser,
  getTeamMembers,
  getTeams,
  notFound,
  type Organization,
  type Team,
  type TeamFields,
  type TeamMembershipChange,
  updateTeam,
  type User,
} from '../../kit.ts';
import { administratorsOnly, sessionOf } from '../auth.ts';
import { readRailsBodies } from '../body.ts';
import { Flag, flagValue, IntegerId } from '../params.ts';
import { presentTeam } from '../presenters/team.ts';
import { presentAgent } from '../presenters/user.ts';
import { usersNamed } from './inboxes.ts';

/** The fields Chatwoot permits, flat (Rails wraps them) or in `team`; core judges the values. */
const TeamFieldsSchema = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  allow_auto_assign: Type.Optional(Flag),
});
const TeamBody = Type.Object({ ...TeamFieldsSchema.properties, team: Type.Optional(TeamFieldsSchema) });
const TeamParams = Type.Object({ account_id: Type.String(), id: Type.String({ maxLength: 20 }) });
const MembersParams = Type.Object({ account_id: Type.String(), team_id: Type.String({ maxLength: 20 }) });
const MembersBody = Type.Object({ user_ids: Type.Array(IntegerId, { maxItems: 1000 }) });

/**
 * The wrapped fields win, as Rails' `params.require(:team)` reads only those when present. Names
 * are lower-cased, as Chatwoot's model does before saving ("Sales" is answered as "sales").
 */
function fieldsOf(body: Static<typeof TeamBody>): TeamFields {
  const fields = body.team ?? body;
  return {
    ...(fields.name !== undefined && { name: fields.name.toLowerCase() }),
    ...(fields.description !== undefined && { description: fields.description }),
    ...(fields.allow_auto_assign !== undefined && { allowAutoAssign: flagValue(fields.allow_auto_assign) }),
  };
}

async function findTeamOr404(core: Core, organizationId: string, id: string): Promise<Team> {
  const team = await getTeamByPublicId(core, organizationId, id);
  if (!team) throw notFound('team not found');
  return team;
}

/** A team as the caller sees it: `is_member` says whether they are in it. */
async function presentForCaller(core: Core, request: FastifyRequest, team: Team) {
  const { user, account } = sessionOf(request);
  return presentTeam(team, account, (await getTeamIdsOfUser(core, account.id, user.id)).has(team.id));
}

const presentAgents = (users: User[], account: Organization) => users.map((user) => presentAgent(user, account));

/**
 * `/teams` and `/teams/{team_id}/team_members`, bare arrays and objects as Chatwoot renders
 * them. Everyone in the account reads teams and their members; administrators change them.
 * A team is a label for who should handle a conversation (`POST /conversations/{id}/assignments`
 * with `team_id`, `GET /conversations?team_id=`): routing stays by inbox membership, so
 * `allow_auto_assign` is kept and shown but assigns nobody.
 */
export const teamRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  readRailsBodies(app);

  app.get('/teams', async (request) => {
    const { user, account } = sessionOf(request);
    const [teams, mine] = await Promise.all([getTeams(core, account.id), getTeamIdsOfUser(core, account.id, user.id)]);
    return teams.map((team) => presentTeam(team, account, mine.has(team.id)));
  });

  app.get('/teams/:id', { schema: { params: TeamParams } }, async (request) =>
    presentForCaller(core, request, await findTeamOr404(core, sessionOf(request).account.id, request.params.id)),
  );

  app.post('/teams', { preValidation: administratorsOnly, schema: { body: TeamBody } }, async (request) =>
    presentForCaller(core, request, await createTeam(core, sessionOf(request).account.id, fieldsOf(request.body))),
  );

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/teams/:id',
    preValidation: administratorsOnly,
    schema: { params: TeamParams, body: TeamBody },
    handler: async (request) => {
      const { account } = sessionOf(request);
      const team = await findTeamOr404(core, account.id, request.params.id);
      return presentForCaller(core, request, await updateTeam(core, account.id, team.id, fieldsOf(request.body)));
    },
  });

  app.delete('/teams/:id', { preValidation: administratorsOnly, schema: { params: TeamParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    await deleteTeam(core, account.id, (await findTeamOr404(core, account.id, request.params.id)).id);
    return reply.code(200).send();
  });

  app.get('/teams/:team_id/team_members', { schema: { params: MembersParams } }, async (request) => {
    const { account } = sessionOf(request);
    const team = await findTeamOr404(core, account.id, request.params.team_id);
    return presentAgents((await getTeamMembers(core, account.id, team.id)) ?? [], account);
  });

  /** Every id must name a person of the account, or nothing changes (422 naming `user_ids`). */
  const changeMembers = async (request: FastifyRequest<{ Params: Static<typeof MembersParams>; Body: Static<typeof MembersBody> }>, change: TeamMembershipChange) => {
    const { account } = sessionOf(request);
    const team = await findTeamOr404(core, account.id, request.params.team_id);
    const named = await usersNamed(core, account, request.body.user_ids);
    await changeTeamMembers(core, account.id, team.id, change, named.map((user) => user.id));
    return named;
  };
  const membersRoute = { preValidation: administratorsOnly, schema: { params: MembersParams, body: MembersBody } };

  // Chatwoot answers POST and PATCH with the people named (after a PATCH, the whole team).
  app.post('/teams/:team_id/team_members', membersRoute, async (request) => presentAgents(await changeMembers(request, 'add'), sessionOf(request).account));
  app.patch('/teams/:team_id/team_members', membersRoute, async (request) => presentAgents(await changeMembers(request, 'replace'), sessionOf(request).account));
  app.delete('/teams/:team_id/team_members', membersRoute, async (request, reply) => {
    await changeMembers(request, 'remove');
    return reply.code(200).send();
  });
};
