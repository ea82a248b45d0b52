import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  type ChannelChanges,
  type Core,
  createWidget,
  deleteWidget,
  type DialectOptions,
  DomainError,
  getUsers,
  getUsersByPublicIds,
  getChannelCallbackSecret,
  getWidgetByPublicId,
  getWidgets,
  invalid,
  notFound,
  type Organization,
  type PublicIdInput,
  updateWidget,
  type User,
  type Widget,
  type WidgetMemberInput,
} from '../../kit.ts';
import { administratorsOnly, sessionOf } from '../auth.ts';
import { presentInbox } from '../presenters/inbox.ts';
import { availableNameOf, presentAgent } from '../presenters/user.ts';
import { Flag, flagValue, IntegerId } from '../params.ts';

/**
 * The channel part of an inbox body. Chatwoot names the API inbox's callback `webhook_url`; people
 * expect `callback_url` (chatwoot#14591), so both are read, `webhook_url` first. An empty one
 * means "no callback". Other channel fields (a web widget's colour, title …) are accepted and not kept.
 */
const CallbackUrl = Type.Union([Type.String({ maxLength: 2048 }), Type.Null()]);
const ChannelFields = {
  webhook_url: Type.Optional(CallbackUrl),
  callback_url: Type.Optional(CallbackUrl),
  hmac_mandatory: Type.Optional(Flag),
};

const CreateInboxBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  channel: Type.Object({ type: Type.String({ maxLength: 50 }), ...ChannelFields }),
});
const UpdateInboxBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  channel: Type.Optional(Type.Object(ChannelFields)),
});
type ChannelBody = Static<typeof UpdateInboxBody>['channel'];

const InboxParams = Type.Object({ account_id: Type.String(), id: Type.String({ maxLength: 20 }) });
const MembersParams = Type.Object({ account_id: Type.String(), inbox_id: Type.String({ maxLength: 20 }) });
const MembersBody = Type.Object({ inbox_id: IntegerId, user_ids: Type.Array(IntegerId, { maxItems: 1000 }) });

/** The channel changes a body asks for; undefined when it asks for none. */
function channelChangesOf(channel: ChannelBody): ChannelChanges | undefined {
  if (!channel) return undefined;
  const url = channel.webhook_url !== undefined ? channel.webhook_url : channel.callback_url;
  const changes: ChannelChanges = {
    ...(url !== undefined && { callbackUrl: url?.trim() || null }),
    ...(channel.hmac_mandatory !== undefined && { hmacMandatory: flagValue(channel.hmac_mandatory) }),
  };
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** Core names the callback `callbackUrl`; errors name the field the caller sent instead. */
async function namingCallbackField<T>(work: Promise<T>, channel: ChannelBody): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof DomainError) || error.field !== 'callbackUrl') throw error;
    const sent = channel?.webhook_url !== undefined ? 'channel.webhook_url' : 'channel.callback_url';
    throw invalid(sent, error.message.replace(/^callbackUrl/, sent));
  }
}

const isAdministrator = (user: User) => user.role === 'admin';
const isMember = (inbox: Widget, user: User) => inbox.members.some((member) => member.userId === user.id);

/**
 * An inbox of the caller's account the caller may see: administrators see every inbox, agents
 * those they are members of (Chatwoot's `assigned_inboxes`). Unknown ids are 404s; an inbox the
 * agent is not in is refused as Chatwoot's policy refuses it, with 401.
 */
async function findInbox(core: Core, request: FastifyRequest, publicId: PublicIdInput): Promise<Widget> {
  const { user, account } = sessionOf(request);
  const inbox = await getWidgetByPublicId(core, account.id, publicId);
  if (!inbox) throw notFound('inbox not found');
  if (!isAdministrator(user) && !isMember(inbox, user)) throw new DomainError('unauthorized', 'You are not authorized to do this action');
  return inbox;
}

/** The inbox's people as agents, in member order (bot members are Chatwoot's agent bots, not listed). */
async function membersPayload(core: Core, account: Organization, inbox: Widget) {
  const people = new Map((await getUsers(core, account.id)).map((user) => [user.id, user]));
  const members = inbox.members.flatMap((member) => people.get(member.userId ?? '') ?? []);
  return { payload: members.map((user) => presentAgent(user, account)) };
}

/** A member as it is now, to keep it unchanged in a new member list. */
const keptMember = (member: Widget['members'][number]): WidgetMemberInput => ({
  ...(member.userId ? { userId: member.userId } : { botId: member.botId! }),
  alias: member.alias,
  avatarUrl: member.avatarUrl,
  memberType: member.memberType,
  tags: member.tags,
});

/** Every id must name a person of the account: Chatwoot refuses the whole change otherwise. */
export async function usersNamed(core: Core, account: Organization, ids: readonly PublicIdInput[]): Promise<User[]> {
  const users = await getUsersByPublicIds(core, account.id, ids);
  const found = new Set(users.map((user) => user.publicId));
  const unknown = ids.filter((id) => !found.has(Number(id)));
  if (unknown.length > 0) throw invalid('user_ids', `user_ids ${unknown.join(', ')} name no agent of this account`);
  return users;
}

/**
 * The member list after a change: `keep` decides which current people stay, `add` are people to
 * have (new ones join under their display name). Bot members stay whatever happens.
 */
function membersAfter(inbox: Widget, keep: (userId: string) => boolean, add: User[]): WidgetMemberInput[] {
  const current = inbox.members.filter((member) => member.botId !== null || keep(member.userId!));
  const present = new Set(current.map((member) => member.userId));
  const joining = add.filter((user) => !present.has(user.id)).map((user) => ({ userId: user.id, alias: availableNameOf(user) }));
  return [...current.map(keptMember), ...joining];
}

/**
 * `/inboxes` and `/inbox_members`. A Chatwoot inbox is one of our widgets: `channel.type` "api"
 * makes an API channel (its callback in Chatwoot's webhook format, its HMAC token, its
 * `inbox_identifier`), "web_widget" a web widget. Only administrators create, change or delete
 * inboxes and set their members. Callback URLs follow the webhook target policy: private and
 * loopback addresses are refused unless ALLOW_PRIVATE_WEBHOOK_TARGETS allows them.
 */
export const inboxRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  const policy = config.webhooks;
  const viewerOf = (request: FastifyRequest) => ({ administrator: isAdministrator(sessionOf(request).user) });
  /** One inbox as its reader sees it: administrators also get the callback's signing secret. */
  const presentOne = async (request: FastifyRequest, inbox: Widget) => {
    const viewer = viewerOf(request);
    const callbackSecret = viewer.administrator ? await getChannelCallbackSecret(core, inbox.organizationId, inbox.id) : undefined;
    return presentInbox(inbox, { ...viewer, callbackSecret });
  };

  app.get('/inboxes', async (request) => {
    const { user, account } = sessionOf(request);
    const inboxes = (await getWidgets(core, account.id)).filter((inbox) => isAdministrator(user) || isMember(inbox, user));
    const viewer = viewerOf(request);
    return { payload: inboxes.sort((a, b) => a.name.localeCompare(b.name)).map((inbox) => presentInbox(inbox, viewer)) };
  });

  app.get('/inboxes/:id', { schema: { params: InboxParams } }, async (request) =>
    presentOne(request, await findInbox(core, request, request.params.id)),
  );

  app.post('/inboxes', { preValidation: administratorsOnly, schema: { body: CreateInboxBody } }, async (request) => {
    const { account } = sessionOf(request);
    const { name, channel } = request.body;
    if (channel.type !== 'api' && channel.type !== 'web_widget') {
      throw invalid('channel.type', 'channel.type must be "api" or "web_widget"; other Chatwoot channels are not available here');
    }
    const changes = channelChangesOf(channel);
    const inbox = await namingCallbackField(
      createWidget(
        core,
        account.id,
        {
          name,
          ...(channel.type === 'api' && {
            channel: { type: 'api', callbackFormat: 'chatwoot', callbackUrl: changes?.callbackUrl ?? null, hmacMandatory: changes?.hmacMandatory ?? false },
          }),
        },
        policy,
      ),
      channel,
    );
    return presentOne(request, inbox);
  });

  app.patch('/inboxes/:id', { preValidation: administratorsOnly, schema: { params: InboxParams, body: UpdateInboxBody } }, async (request) => {
    const { account } = sessionOf(request);
    const inbox = await findInbox(core, request, request.params.id);
    // A web widget has no callback or HMAC switch; Chatwoot ignores such fields there, and so do we.
    const channel = inbox.channel.type === 'web_widget' ? undefined : channelChangesOf(request.body.channel);
    const updated = await namingCallbackField(
      updateWidget(core, account.id, inbox.id, { ...(request.body.name !== undefined && { name: request.body.name }), ...(channel && { channel }) }, policy),
      request.body.channel,
    );
    return presentOne(request, updated);
  });

  app.delete('/inboxes/:id', { preValidation: administratorsOnly, schema: { params: InboxParams } }, async (request, reply) => {
    const inbox = await findInbox(core, request, request.params.id);
    await deleteWidget(core, sessionOf(request).account.id, inbox.id);
    return reply.code(200).send();
  });

  app.get('/inbox_members/:inbox_id', { schema: { params: MembersParams } }, async (request) =>
    membersPayload(core, sessionOf(request).account, await findInbox(core, request, request.params.inbox_id)),
  );

  /** Adds (POST), replaces (PATCH) or removes (DELETE) people; POST and PATCH answer the members after. */
  const changeMembers = async (request: FastifyRequest<{ Body: Static<typeof MembersBody> }>, change: 'add' | 'replace' | 'remove') => {
    const { account } = sessionOf(request);
    const inbox = await findInbox(core, request, request.body.inbox_id);
    const named = await usersNamed(core, account, request.body.user_ids);
    const ids = new Set(named.map((user) => user.id));
    const members =
      change === 'add'
        ? membersAfter(inbox, () => true, named)
        : change === 'replace'
          ? membersAfter(inbox, (userId) => ids.has(userId), named)
          : membersAfter(inbox, (userId) => !ids.has(userId), []);
    return updateWidget(core, account.id, inbox.id, { members });
  };
  const membersRoute = { preValidation: administratorsOnly, schema: { body: MembersBody } };

  app.post('/inbox_members', membersRoute, async (request) =>
    membersPayload(core, sessionOf(request).account, await changeMembers(request, 'add')),
  );
  app.patch('/inbox_members', membersRoute, async (request) =>
    membersPayload(core, sessionOf(request).account, await changeMembers(request, 'replace')),
  );
  app.delete('/inbox_members', membersRoute, async (request, reply) => {
    await changeMembers(request, 'remove');
    return reply.code(200).send();
  });
};
