import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import {
  type Caller,
  type Core,
  createUser,
  deleteUser,
  type DialectOptions,
  getUserByPublicId,
  getUsers,
  notFound,
  setAgentPresence,
  updateUser,
  type User,
} from '../../kit.ts';
import { administratorsOnly, sessionOf } from '../auth.ts';
import { CHATWOOT_AVAILABILITIES, CHATWOOT_ROLES, presenceOf, presentAgent, roleOf, type ChatwootAvailability } from '../presenters/user.ts';
import { Flag } from '../params.ts';

/**
 * The agent fields Chatwoot's controller permits. Its JSON body may be flat (Rails wraps it in
 * `agent`) or already wrapped; forms send `agent[name]=…`. Chatwoot's field is `availability`; its
 * swagger says `availability_status`: both are read. `auto_offline` is accepted and has no
 * effect: agents here always go offline when their console does.
 */
const AgentFields = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  role: Type.Optional(Type.Enum(CHATWOOT_ROLES)),
  availability: Type.Optional(Type.Enum(CHATWOOT_AVAILABILITIES)),
  availability_status: Type.Optional(Type.Enum(CHATWOOT_AVAILABILITIES)),
  auto_offline: Type.Optional(Flag),
});
const AgentBody = Type.Object({ ...AgentFields.properties, agent: Type.Optional(AgentFields) });
type AgentFields = Static<typeof AgentFields>;

const AgentParams = Type.Object({ account_id: Type.String(), id: Type.String({ maxLength: 20 }) });

/** The wrapped fields win, as Rails' `params.require(:agent)` reads only those when present. */
const fieldsOf = (body: Static<typeof AgentBody>): AgentFields => body.agent ?? body;
const availabilityIn = (fields: AgentFields): ChatwootAvailability | undefined => fields.availability ?? fields.availability_status;

/** The token is an administrator's own credential: they act as themselves, like a signed-in admin in the console. */
const PERSON: Caller = { kind: 'session' };

async function findAgentOr404(core: Core, organizationId: string, publicId: string): Promise<User> {
  const user = await getUserByPublicId(core, organizationId, publicId);
  if (!user) throw notFound('agent not found');
  return user;
}

/** Sets the availability when asked, and answers the user as it now is. */
async function withAvailability(core: Core, user: User, availability: ChatwootAvailability | undefined): Promise<User> {
  if (availability === undefined) return user;
  const change = await setAgentPresence(core, user.organizationId, user.id, presenceOf(availability));
  return { ...user, presence: change.status };
}

/**
 * `/agents`: everyone in the account lists them (sorted by name, as Chatwoot does); only
 * administrators add, change or remove one. Core keeps its rules: the last administrator cannot
 * be demoted or removed, e-mails are unique logins. A new agent has no password until one is set
 * in the console (Chatwoot's invitation).
 */
export const agentRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  app.get('/agents', async (request) => {
    const { account } = sessionOf(request);
    const users = await getUsers(core, account.id);
    return users.sort((a, b) => a.name.localeCompare(b.name)).map((user) => presentAgent(user, account));
  });

  app.post('/agents', { preValidation: administratorsOnly, schema: { body: AgentBody } }, async (request) => {
    const { account } = sessionOf(request);
    const fields = fieldsOf(request.body);
    const created = await createUser(
      core,
      account.id,
      { email: fields.email ?? '', name: fields.name ?? '', role: roleOf(fields.role ?? 'agent') },
      PERSON,
    );
    return presentAgent(await withAvailability(core, created, availabilityIn(fields)), account);
  });

  app.patch('/agents/:id', { preValidation: administratorsOnly, schema: { params: AgentParams, body: AgentBody } }, async (request) => {
    const { account } = sessionOf(request);
    const agent = await findAgentOr404(core, account.id, request.params.id);
    const fields = fieldsOf(request.body);
    const updated = await updateUser(
      core,
      account.id,
      agent.id,
      { ...(fields.name !== undefined && { name: fields.name }), ...(fields.role !== undefined && { role: roleOf(fields.role) }) },
      PERSON,
    );
    return presentAgent(await withAvailability(core, updated, availabilityIn(fields)), account);
  });

  app.delete('/agents/:id', { preValidation: administratorsOnly, schema: { params: AgentParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    await deleteUser(core, account.id, (await findAgentOr404(core, account.id, request.params.id)).id, PERSON);
    return reply.code(200).send();
  });
};
