import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import {
  assignConversationTeam,
  type AssigneeScope,
  closeConversation,
  type Conversation,
  type Core,
  type DialectOptions,
  findExternalReference,
  getContactByPublicId,
  getConversationByNumber,
  getConversationEntry,
  getTeamByPublicId,
  getUserByPublicId,
  getWidgetByPublicId,
  getWidgets,
  invalid,
  labelConversation,
  listConversationEntries,
  notFound,
  type Organization,
  reopenConversation,
  type Team,
  startConversation,
  transferConversation,
  unlabelConversation,
  updateConversationAttributes,
  type User,
  type Widget,
} from '../../kit.ts';
import { sessionOf } from '../auth.ts';
import { badParameter, objectParam, pageOf, readRailsBodies } from '../body.ts';
import { CHATWOOT, loadConversationsData, loadDirectory, SOURCE_ID } from '../loaders.ts';
import { IntegerId } from '../params.ts';
import { labelNamesOf, presentConversation } from '../presenters/conversation.ts';
import { presentAgent } from '../presenters/user.ts';
import { chatwootStatuses, chatwootStatusOf, statusesMatching, type ChatwootStatus } from '../presenters/status.ts';
import { presentTeamRow } from '../presenters/team.ts';
import { findInboxOr404 } from './contacts.ts';

/** Chatwoot's conversations API (research/chatwoot.md §2.3). A conversation's id in URLs is its display number. */

const PER_PAGE = 25;

const IdParams = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({
  assignee_type: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned'), Type.Literal('assigned'), Type.Literal('all')])),
  status: Type.Optional(Type.Union([...chatwootStatuses.map((s) => Type.Literal(s)), Type.Literal('all')])),
  inbox_id: Type.Optional(Type.Integer()),
  team_id: Type.Optional(Type.Integer()),
  labels: Type.Optional(Type.Array(Type.String())),
  'labels[]': Type.Optional(Type.Array(Type.String())),
  q: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer()),
});
type ListQuery = Static<typeof ListQuery>;
/** A team id; null, "" and 0 (the dashboard's "None") mean no team. */
const TeamId = Type.Union([IntegerId, Type.Null(), Type.Literal('')]);
const StatusValue = Type.Union(chatwootStatuses.map((s) => Type.Literal(s)));
const CreateBody = Type.Object({
  source_id: Type.Optional(Type.String({ minLength: 1 })),
  inbox_id: Type.Optional(IntegerId),
  contact_id: Type.Optional(IntegerId),
  status: Type.Optional(StatusValue),
  assignee_id: Type.Optional(Type.Union([IntegerId, Type.Null()])),
  team_id: Type.Optional(TeamId),
  custom_attributes: Type.Optional(Type.Unknown()),
  additional_attributes: Type.Optional(Type.Unknown()),
  message: Type.Optional(Type.Object({ content: Type.Optional(Type.String()) })),
});
const PriorityBody = Type.Object({ priority: Type.Union([Type.Literal('urgent'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low'), Type.Null(), Type.Literal('none')]) });
const AssignmentBody = Type.Object({ assignee_id: Type.Optional(Type.Union([IntegerId, Type.Null()])), team_id: Type.Optional(TeamId) });
const LabelsBody = Type.Object({ labels: Type.Array(Type.String({ minLength: 1, maxLength: 255 })) });
const CustomAttributesBody = Type.Object({ custom_attributes: Type.Unknown() });

/** A conversation of the account by the display number in the URL; anything else is Chatwoot's 404. */
export async function findConversationOr404(core: Core, organizationId: string, id: string): Promise<Conversation> {
  const conversation = /^\d{1,15}$/.test(id) ? await getConversationByNumber(core, organizationId, Number(id)) : undefined;
  if (!conversation) throw notFound('conversation not found');
  return conversation;
}

/** The REST conversation of one conversation (its uuid). */
export async function presentOne(core: Core, account: Organization, conversationId: string, publicUrl: string, viewer?: User) {
  const entry = await getConversationEntry(core, account.id, conversationId);
  const [data] = entry ? await loadConversationsData(core, account, [entry], publicUrl, await loadDirectory(core, account.id, viewer?.id)) : [];
  if (!data) throw notFound('conversation not found');
  return presentConversation(data);
}

function scopeOf(assigneeType: ListQuery['assignee_type'], user: User): AssigneeScope {
  switch (assigneeType) {
    case 'me':
      return { kind: 'mine', userId: user.id };
    case 'unassigned':
    case 'assigned':
      return { kind: assigneeType };
    default:
      return { kind: 'all' };
  }
}

/** The list filter; an inbox id that names no inbox of the account matches nothing. */
async function filterOf(core: Core, organizationId: string, query: ListQuery) {
  const inbox = query.inbox_id === undefined ? undefined : await getWidgetByPublicId(core, organizationId, query.inbox_id);
  const team = query.team_id === undefined ? undefined : await getTeamByPublicId(core, organizationId, query.team_id);
  // Clients send `labels[]=a&labels[]=b` (Rails) or `labels=a`.
  const labels = [...(query.labels ?? []), ...(query['labels[]'] ?? [])];
  return {
    statuses: statusesMatching(query.status ?? 'open'),
    ...(query.inbox_id !== undefined && { widgetId: inbox?.id ?? '00000000-0000-0000-0000-000000000000' }),
    ...(query.team_id !== undefined && { teamId: team?.id ?? '00000000-0000-0000-0000-000000000000' }),
    ...(labels.length > 0 && { labels }),
    ...(query.q?.trim() && { search: query.q.trim() }),
  };
}

/** The contact's session named by `source_id`: in the given inbox, or in any inbox of the account. */
async function findSession(core: Core, organizationId: string, sourceId: string, inbox: Widget | undefined) {
  const inboxes = inbox ? [inbox] : await getWidgets(core, organizationId);
  for (const candidate of inboxes) {
    const reference = await findExternalReference(core, organizationId, { dialect: CHATWOOT, kind: SOURCE_ID, scope: candidate.id, value: sourceId });
    if (reference) return { inbox: candidate, contactId: reference.entityId };
  }
  throw notFound('contact inbox not found');
}

/** Only what we have: closing (resolved) and reopening (open); Chatwoot's pending and snoozed have no counterpart (presenters/status.ts). */
async function changeStatus(core: Core, organizationId: string, conversation: Conversation, status: ChatwootStatus): Promise<void> {
  if (status === chatwootStatusOf(conversation.status)) return;
  if (status === 'resolved') {
    await closeConversation(core, organizationId, conversation.id, 'agent');
    return;
  }
  if (status === 'open') {
    await reopenConversation(core, organizationId, conversation.id);
    return;
  }
  throw badParameter(`Status ${status} is not supported: conversations are open or resolved`);
}

async function assignUser(core: Core, organizationId: string, conversation: Conversation, assigneeId: number | string) {
  const assignee = await getUserByPublicId(core, organizationId, assigneeId);
  if (!assignee || assignee.disabled) throw notFound('agent not found');
  if (conversation.assignee?.type !== 'user' || conversation.assignee.id !== assignee.id) {
    await transferConversation(core, organizationId, conversation.id, { kind: 'agent', userId: assignee.id });
  }
  return assignee;
}

/** The team a `team_id` names: null for none; an id that names no team of the account is 404. */
async function teamNamed(core: Core, organizationId: string, teamId: number | string | null): Promise<Team | null> {
  if (teamId === null || teamId === '' || Number(teamId) === 0) return null;
  const team = await getTeamByPublicId(core, organizationId, teamId);
  if (!team) throw notFound('team not found');
  return team;
}

export const conversationRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  readRailsBodies(app);

  app.get('/conversations', { schema: { querystring: ListQuery } }, async (request) => {
    const { user, account } = sessionOf(request);
    const query = request.query;
    const { entries, counts } = await listConversationEntries(core, account.id, {
      filter: await filterOf(core, account.id, query),
      scope: scopeOf(query.assignee_type, user),
      page: pageOf(query.page),
      perPage: PER_PAGE,
      userId: user.id,
    });
    return {
      data: {
        meta: { mine_count: counts.mine, assigned_count: counts.assigned, unassigned_count: counts.unassigned, all_count: counts.all },
        payload: (await loadConversationsData(core, account, entries, config.publicUrl, await loadDirectory(core, account.id, user.id))).map(presentConversation),
      },
    };
  });

  app.get('/conversations/meta', { schema: { querystring: ListQuery } }, async (request) => {
    const { user, account } = sessionOf(request);
    const { counts } = await listConversationEntries(core, account.id, { filter: await filterOf(core, account.id, request.query), scope: { kind: 'all' }, page: 1, perPage: 1, userId: user.id });
    return { meta: { mine_count: counts.mine, assigned_count: counts.assigned, unassigned_count: counts.unassigned, all_count: counts.all } };
  });

  app.post('/conversations', { schema: { body: CreateBody } }, async (request) => {
    const { user, account } = sessionOf(request);
    const body = request.body;
    const named = body.inbox_id === undefined ? undefined : await findInboxOr404(core, account.id, body.inbox_id);
    let session: { inbox: Widget; contactId: string };
    if (body.source_id) session = await findSession(core, account.id, body.source_id, named);
    else if (named && body.contact_id !== undefined) {
      const contact = await getContactByPublicId(core, account.id, Number(body.contact_id));
      if (!contact) throw notFound('contact not found');
      session = { inbox: named, contactId: contact.id };
    } else throw badParameter('source_id, or inbox_id and contact_id, are required');
    if (body.status === 'pending' || body.status === 'snoozed') throw badParameter(`Status ${body.status} is not supported: conversations are open or resolved`);
    const customAttributes = objectParam('custom_attributes', body.custom_attributes);
    const team = body.team_id === undefined ? null : await teamNamed(core, account.id, body.team_id);
    // Routed, queued and shown in the console as a web chat is: the contact's first message starts it.
    const { conversation } = await startConversation(core, account.id, { widgetId: session.inbox.id, contactId: session.contactId, message: body.message?.content ?? '' });
    if (customAttributes) await updateConversationAttributes(core, account.id, conversation.id, { customAttributes });
    if (team) await assignConversationTeam(core, account.id, conversation.id, team.id);
    if (body.assignee_id !== undefined && body.assignee_id !== null) await assignUser(core, account.id, conversation, body.assignee_id);
    if (body.status === 'resolved') await closeConversation(core, account.id, conversation.id, 'agent');
    return presentOne(core, account, conversation.id, config.publicUrl, user);
  });

  app.get('/conversations/:id', { schema: { params: IdParams } }, async (request) => {
    const { user, account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    return presentOne(core, account, conversation.id, config.publicUrl, user);
  });

  // The body is optional (clients post none to toggle), so it is read here rather than by a schema.
  app.post('/conversations/:id/toggle_status', { schema: { params: IdParams } }, async (request) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const status = (request.body as { status?: unknown } | undefined)?.status;
    if (status !== undefined && !(chatwootStatuses as readonly unknown[]).includes(status)) throw invalid('status', `status must be one of ${chatwootStatuses.join(', ')}`);
    // Without a status Chatwoot toggles: open ↔ resolved.
    const wanted = (status as ChatwootStatus | undefined) ?? (conversation.status === 'closed' ? 'open' : 'resolved');
    await changeStatus(core, account.id, conversation, wanted);
    const now = (await getConversationByNumber(core, account.id, conversation.number))!;
    return { meta: {}, payload: { success: true, conversation_id: now.number, current_status: chatwootStatusOf(now.status), snoozed_until: null } };
  });

  app.post('/conversations/:id/toggle_priority', { schema: { params: IdParams, body: PriorityBody } }, async (request, reply) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const { priority } = request.body;
    await updateConversationAttributes(core, account.id, conversation.id, { priority: priority === 'none' ? null : priority });
    return reply.code(200).send();
  });

  // An agent (`assignee_id`, which wins as in Chatwoot) or a team (`team_id`: answers the raw team row, or null when cleared).
  app.post('/conversations/:id/assignments', { schema: { params: IdParams, body: AssignmentBody } }, async (request, reply) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const { assignee_id: assigneeId, team_id: teamId } = request.body;
    if (teamId !== undefined && assigneeId === undefined) {
      const team = await teamNamed(core, account.id, teamId);
      await assignConversationTeam(core, account.id, conversation.id, team?.id ?? null);
      return team ? presentTeamRow(team, account) : reply.type('application/json').send('null');
    }
    if (assigneeId === undefined || assigneeId === null) throw badParameter('A conversation cannot be unassigned here: assign it to another agent');
    return presentAgent(await assignUser(core, account.id, conversation, assigneeId), account);
  });

  app.get('/conversations/:id/labels', { schema: { params: IdParams } }, async (request) => {
    const { account } = sessionOf(request);
    return { payload: labelNamesOf(await findConversationOr404(core, account.id, request.params.id)) };
  });

  // Sets the labels to exactly this list (Chatwoot's `update_labels`); `name:value` keeps our label value.
  app.post('/conversations/:id/labels', { schema: { params: IdParams, body: LabelsBody } }, async (request) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const current = labelNamesOf(conversation);
    const wanted = [...new Set(request.body.labels.map((label) => label.trim()).filter((label) => label !== ''))];
    const split = (label: string): [string, string] => {
      const at = label.indexOf(':');
      return at < 0 ? [label, ''] : [label.slice(0, at), label.slice(at + 1)];
    };
    for (const label of current.filter((label) => !wanted.includes(label))) await unlabelConversation(core, account.id, conversation.id, ...split(label));
    for (const label of wanted.filter((label) => !current.includes(label))) await labelConversation(core, account.id, conversation.id, ...split(label));
    return { payload: labelNamesOf((await getConversationByNumber(core, account.id, conversation.number))!) };
  });

  app.post('/conversations/:id/custom_attributes', { schema: { params: IdParams, body: CustomAttributesBody } }, async (request) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const customAttributes = objectParam('custom_attributes', request.body.custom_attributes) ?? {};
    const updated = await updateConversationAttributes(core, account.id, conversation.id, { customAttributes });
    return { custom_attributes: updated.customAttributes };
  });
};
