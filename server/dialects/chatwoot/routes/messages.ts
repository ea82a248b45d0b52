import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  acceptConversation,
  attachFile,
  type Conversation,
  type Core,
  deleteMessage,
  type DialectOptions,
  getContactRecord,
  getConversationEntry,
  getMessageBySeq,
  getWidget,
  getMessageWindow,
  invalid,
  markMessages,
  type MessageTags,
  type MessageView,
  notFound,
  type Organization,
  postAgentMessage,
  postVisitorMessage,
  reopenConversation,
  transferConversation,
  type User,
} from '../../kit.ts';
import { sessionOf } from '../auth.ts';
import { badParameter, objectParam, readRailsBodies, type UploadedFile } from '../body.ts';
import { loadConversationsData, loadDirectory, messageContextOf, newMessageContext, type Directory } from '../loaders.ts';
import { Flag, flagValue } from '../params.ts';
import { labelNamesOf, type ConversationData } from '../presenters/conversation.ts';
import { presentContactPushData } from '../presenters/contact.ts';
import { presentMessage } from '../presenters/message.ts';
import { presentUserPushData } from '../presenters/user.ts';
import { findConversationOr404 } from './conversations.ts';

/** Chatwoot's messages API (research/chatwoot.md §2.4): list by id window, create (JSON, form or multipart), status update, delete. */

const Params = Type.Object({ id: Type.String() });
const MessageParams = Type.Object({ id: Type.String(), message_id: Type.String() });
const WindowQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })), after: Type.Optional(Type.Integer({ minimum: 0 })) });
const CreateBody = Type.Object({
  content: Type.Optional(Type.Union([Type.String({ maxLength: 150_000 }), Type.Null()])),
  message_type: Type.Optional(Type.Union([Type.Literal('incoming'), Type.Literal('outgoing'), Type.Literal('template')])),
  private: Type.Optional(Flag),
  content_type: Type.Optional(Type.String()),
  content_attributes: Type.Optional(Type.Unknown()),
  echo_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Number()])),
});
const StatusBody = Type.Object({ status: Type.Union([Type.Literal('sent'), Type.Literal('delivered'), Type.Literal('read'), Type.Literal('failed')]) });

/**
 * Chatwoot's window: the newest 20; `before` → the 20 before it; `after` → up to 100 after it;
 * both → up to 1000 between them (app/finders/message_finder.rb).
 */
function windowOf(before: number | undefined, after: number | undefined) {
  const limit = before !== undefined && after !== undefined ? 1000 : after !== undefined ? 100 : 20;
  return { ...(before !== undefined && { beforeSeq: before }), ...(after !== undefined && { afterSeq: after }), limit };
}

async function loadData(core: Core, account: Organization, conversation: Conversation, publicUrl: string, directory: Directory): Promise<ConversationData> {
  const entry = await getConversationEntry(core, account.id, conversation.id);
  const [data] = entry ? await loadConversationsData(core, account, [entry], publicUrl, directory) : [];
  if (!data) throw notFound('conversation not found');
  return data;
}

/**
 * Chatwoot lets any agent reply. Here replies need the conversation to be the writer's: one
 * waiting (or held by a bot) is taken first; one assigned to another agent is taken over by an
 * administrator and refused to an agent (docs/chatwoot.md).
 */
async function becomeAssignee(core: Core, organizationId: string, conversation: Conversation, user: User) {
  const holder = conversation.assignee?.type === 'user' ? conversation.assignee.id : null;
  if (holder === user.id) return;
  if (holder === null) await acceptConversation(core, organizationId, conversation.id, user.id);
  else if (user.role === 'admin') await transferConversation(core, organizationId, conversation.id, { kind: 'agent', userId: user.id });
  else throw badParameter('This conversation is assigned to another agent');
}

interface Draft {
  incoming: boolean;
  text: string;
  isPrivate: boolean;
  tags: MessageTags;
  files: UploadedFile[];
}

/** Stores the text (if any), then each file as its own message; answers the last one. */
async function post(core: Core, policy: Parameters<typeof attachFile>[1], account: Organization, user: User, conversation: Conversation, draft: Draft): Promise<MessageView> {
  const posted: MessageView[] = [];
  // The contact writing into a resolved conversation takes it up again, as in Chatwoot.
  if (draft.incoming && conversation.status === 'closed') await reopenConversation(core, account.id, conversation.id);
  if (draft.incoming) {
    if (draft.text) posted.push(await postVisitorMessage(core, account.id, conversation.id, conversation.contactId, draft.text, draft.tags));
  } else if (draft.text) {
    if (!draft.isPrivate) await becomeAssignee(core, account.id, conversation, user);
    posted.push(await postAgentMessage(core, account.id, conversation.id, user.id, draft.text, { private: draft.isPrivate, tags: draft.tags }));
  } else {
    await becomeAssignee(core, account.id, conversation, user);
  }
  for (const file of draft.files) {
    const sender = draft.incoming ? { type: 'visitor' as const, contactId: conversation.contactId } : { type: 'agent' as const, userId: user.id };
    posted.push((await attachFile(core, policy, { organizationId: account.id, conversationId: conversation.id, sender, fileName: file.fileName, mimeType: file.mimeType, data: file.data })).message);
  }
  return posted.at(-1)!;
}

export const messageRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  readRailsBodies(app);
  const policy = { dataDir: config.dataDir, maxBytes: config.attachmentMaxBytes, allowedTypes: config.attachmentTypes };
  const base = '/conversations/:id/messages';

  app.get(base, { schema: { params: Params, querystring: WindowQuery } }, async (request) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const directory = await loadDirectory(core, account.id);
    const [data, messages] = await Promise.all([
      loadData(core, account, conversation, config.publicUrl, directory),
      getMessageWindow(core, account.id, conversation.id, windowOf(request.query.before, request.query.after)),
    ]);
    return {
      meta: {
        labels: labelNamesOf(conversation),
        additional_attributes: {},
        contact: presentContactPushData(data.contact),
        ...(data.assignee && { assignee: presentUserPushData(data.assignee) }),
        // Chatwoot's are times of the agents' last look, null when never; we keep read receipts, not those times.
        agent_last_seen_at: null,
        assignee_last_seen_at: null,
      },
      payload: (messages ?? []).map((entry) => presentMessage(entry.message, messageContextOf(data, entry.message, entry, directory))),
    };
  });

  app.post(base, { schema: { params: Params, body: CreateBody } }, async (request) => {
    const { user, account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const body = request.body;
    const incoming = body.message_type === 'incoming';
    // Read at once, before writing, so the answer needs no query after it.
    const [inbox, contact] = await Promise.all([getWidget(core, account.id, conversation.widgetId), incoming ? getContactRecord(core, account.id, conversation.contactId) : undefined]);
    if (!inbox) throw notFound('inbox not found');
    if (incoming && inbox.channel.type !== 'api') throw badParameter('Incoming messages are only allowed in Api inboxes');
    const attributes = objectParam('content_attributes', body.content_attributes);
    const draft: Draft = {
      incoming,
      text: body.content?.trim() ?? '',
      isPrivate: body.private !== undefined && flagValue(body.private),
      tags: { ...(body.echo_id !== undefined && { echoId: String(body.echo_id) }), ...(attributes && { attributes }) },
      files: request.chatwootFiles ?? [],
    };
    if (draft.text === '' && draft.files.length === 0) throw invalid('content', "Content can't be blank");
    const message = await post(core, policy, account, user, conversation, draft);
    return presentMessage(message, newMessageContext({ account, conversation, inbox, contact, writer: user }, message, config.publicUrl));
  });

  // Not in Chatwoot's swagger, but in its code: API inboxes report delivery of the messages they relay.
  app.patch(`${base}/:message_id`, { schema: { params: MessageParams, body: StatusBody } }, async (request, reply) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const directory = await loadDirectory(core, account.id);
    if (directory.inboxes.get(conversation.widgetId)?.channel.type !== 'api') {
      return reply.code(403).send({ error: 'Message status update is only allowed for API inboxes' });
    }
    const seq = /^\d{1,15}$/.test(request.params.message_id) ? Number(request.params.message_id) : 0;
    const found = await getMessageBySeq(core, account.id, conversation.id, seq);
    if (!found) throw notFound('message not found');
    const { status } = request.body;
    if (status === 'failed') throw badParameter('Status failed is not supported: delivery failures are reported by the webhook delivery log');
    // The receipt is the other side's: the contact's client received or read an outgoing message, agents an incoming one.
    if (status !== 'sent') await markMessages(core, account.id, conversation.id, found.message.senderType === 'visitor' ? 'agent' : 'visitor', status, seq);
    const now = (await getMessageBySeq(core, account.id, conversation.id, seq))!;
    const data = await loadData(core, account, conversation, config.publicUrl, directory);
    return presentMessage(now.message, messageContextOf(data, now.message, now, directory));
  });

  app.delete(`${base}/:message_id`, { schema: { params: MessageParams } }, async (request) => {
    const { account } = sessionOf(request);
    const conversation = await findConversationOr404(core, account.id, request.params.id);
    const seq = /^\d{1,15}$/.test(request.params.message_id) ? Number(request.params.message_id) : 0;
    const deleted = await deleteMessage(core, account.id, conversation.id, seq);
    const directory = await loadDirectory(core, account.id);
    const data = await loadData(core, account, conversation, config.publicUrl, directory);
    const receipts = (await getMessageBySeq(core, account.id, conversation.id, seq)) ?? { deliveredAt: null, readAt: null };
    return presentMessage(deleted, messageContextOf(data, deleted, receipts, directory));
  });
};
