import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  type Core,
  createWidget,
  deleteWidget,
  type DialectOptions,
  getUserByEmail,
  getWidget,
  invalid,
  notFound,
  updateWidget,
  type User,
  type WidgetMemberInput,
} from '../../kit.ts';
import { keyFromQuery, organizationOf, guardRoutesWithApiKey } from '../api-key-auth.ts';
import { readBodiesAsJson } from '../json-body.ts';
import { emailOfAgentId, presentWidget } from '../presenters.ts';
import { scheduleFromSnapEngage } from '../schedule.ts';
import { ApiKeyQuery, CreateWidgetBody, UpdateWidgetBody, WidgetQuery, WidgetResponse } from '../schemas/provisioning.ts';

/** The account e-mail must name a user of the key's organization. */
async function findAccountOr404(core: Core, organizationId: string, email: string) {
  const user = await getUserByEmail(core, organizationId, email);
  if (!user) throw notFound(`no user with email ${email.toLowerCase()}`);
  return user;
}

/**
 * A live widget of the organization that belongs to the named account. A widget of
 * another account (or organization) is "not found", so the answer's `email` is always its owner.
 */
async function findWidgetOr404(core: Core, organizationId: string, uuid: string, account: User) {
  const widget = await getWidget(core, organizationId, uuid);
  if (!widget || widget.ownerUserId !== account.id) throw notFound(`no widget with uuid ${uuid}`);
  return widget;
}

export async function deleteProvisionedWidget(core: Core, organizationId: string, uuid: string, email: string) {
  const account = await findAccountOr404(core, organizationId, email);
  await deleteWidget(core, organizationId, (await findWidgetOr404(core, organizationId, uuid, account)).id);
}

const asBoolean = (value: boolean | 'true' | 'false' | undefined) => (value === undefined ? undefined : value === true || value === 'true');

/** Rules the vendor states that the schema cannot: checked here, so errors name the vendor's field. */
function agentMember(agent: CreateWidgetBody['agents'][number], index: number): WidgetMemberInput {
  const field = `agents[${index}]`;
  const email = emailOfAgentId(agent.agentId);
  if (email.length > 99) throw invalid(`${field}.agentId`, `${field}.agentId must be shorter than 100 characters`);
  // Core would otherwise invite the agent under a blank name first and blame "name".
  if (agent.agentAlias.trim() === '') throw invalid(`${field}.agentAlias`, `${field}.agentAlias must not be empty`);
  return { email, alias: agent.agentAlias, avatarUrl: agent.agentAvatar || null, memberType: agent.agentType };
}

/** Vendor widget body to core settings; fields the body leaves out stay as they are. */
function widgetInput(body: CreateWidgetBody) {
  return {
    members: body.agents.map(agentMember),
    ...(body.name !== undefined && { name: body.name }),
    ...(body.destinationEmail !== undefined && { destinationEmail: body.destinationEmail || null }),
    ...(body.enableProactiveChat !== undefined && { proactiveEnabled: asBoolean(body.enableProactiveChat) }),
    ...(body.enableConversations !== undefined && { conversationsEnabled: asBoolean(body.enableConversations) }),
    ...(body.conversationSchedule !== undefined && {
      schedule: body.conversationSchedule && scheduleFromSnapEngage(body.conversationSchedule),
    }),
  };
}

/** Provisioning API, widgets: PUT creates (201), GET reads, POST updates, DELETE removes. */
export const provisioningWidgetRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  guardRoutesWithApiKey(app, core, 'provisioning', keyFromQuery);
  readBodiesAsJson(app);
  const path = '/api/v1/widget.json';

  app.put(path, { schema: { querystring: ApiKeyQuery, body: CreateWidgetBody, response: { 201: WidgetResponse } } }, async (request, reply) => {
    const organizationId = organizationOf(request);
    const account = await findAccountOr404(core, organizationId, request.body.email);
    const widget = await createWidget(core, organizationId, {
      name: 'Widget',
      ...widgetInput(request.body),
      ownerUserId: account.id,
    });
    return reply.code(201).send(presentWidget(widget, account.email));
  });

  app.get(path, { schema: { querystring: WidgetQuery, response: { 200: WidgetResponse } } }, async (request) => {
    const organizationId = organizationOf(request);
    const account = await findAccountOr404(core, organizationId, request.query.email);
    return presentWidget(await findWidgetOr404(core, organizationId, request.query.uuid, account), account.email);
  });

  app.post(path, { schema: { querystring: ApiKeyQuery, body: UpdateWidgetBody, response: { 200: WidgetResponse } } }, async (request) => {
    const organizationId = organizationOf(request);
    const account = await findAccountOr404(core, organizationId, request.body.email);
    const current = await findWidgetOr404(core, organizationId, request.body.uuid, account);
    const widget = await updateWidget(core, organizationId, current.id, widgetInput(request.body));
    return presentWidget(widget, account.email);
  });

  app.delete(path, { schema: { querystring: WidgetQuery } }, async (request, reply) => {
    await deleteProvisionedWidget(core, organizationOf(request), request.query.uuid, request.query.email);
    return reply.code(200).send();
  });
};
