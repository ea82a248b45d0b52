import { randomUUID } from 'node:crypto';
import { findConversation } from '../../db/repositories/conversations.ts';
import { appendMessageAtomically, type AtomicMessage } from '../../db/repositories/message-append.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { findBot } from '../../db/repositories/bots.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import type { Core } from '../context.ts';
import { displayNameOf } from '../display-name.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { createKeyedSerializer } from '../keyed-serializer.ts';
import type { MessageView } from '../types.ts';
import { appendMessage, lockConversation } from './conversation-steps.ts';

const BODY_MAX = 10_000;

function checkBody(body: string, content?: MessageContent): string {
  const text = body.trim();
  if (text === '' && !content) throw invalid('body', 'body must not be empty');
  if (text.length > BODY_MAX) throw invalid('body', `body must be at most ${BODY_MAX} characters`);
  return text;
}

/**
 * One conversation's messages are appended and published one at a time. The database already
 * serializes them (the statement locks the conversation), but two statements answer on two pooled
 * connections, and the later commit's answer can be read first: its event would then reach
 * subscribers before the earlier one. Waiting our turn costs nothing the row lock does not.
 */
const conversationTurn = createKeyedSerializer();

/**
 * Stores a visitor message or an agent reply or note in one statement (message-append.ts: the
 * hottest writes of the product, so no transaction of several round trips) and publishes its
 * event. The checks the statement makes under the conversation's lock become the errors here.
 */
function appendAndPublish(core: Core, message: Omit<AtomicMessage, 'id' | 'createdAt'>): Promise<MessageView> {
  return conversationTurn(message.conversationId, () => appendAndPublishNow(core, message));
}

async function appendAndPublishNow(core: Core, message: Omit<AtomicMessage, 'id' | 'createdAt'>): Promise<MessageView> {
  const stamped: AtomicMessage = { ...message, id: randomUUID(), createdAt: new Date() };
  const agent = stamped.sender.type === 'agent' ? stamped.sender : null;
  const view: MessageView = {
    id: stamped.id,
    seq: 0,
    conversationId: stamped.conversationId,
    senderType: stamped.sender.type,
    senderId: agent?.userId ?? null,
    senderName: agent?.name ?? null,
    kind: stamped.private ? 'note' : 'text',
    body: stamped.body,
    content: (stamped.content as Record<string, unknown> | null | undefined) ?? null,
    private: stamped.private,
    createdAt: stamped.createdAt.toISOString(),
  };
  const outcome = await appendMessageAtomically(core.db, stamped, view);
  if (outcome.status === 'not_found') throw notFound('conversation not found');
  if (outcome.status === 'closed') throw conflict('conversation is closed');
  if (outcome.status === 'not_assignee') throw new DomainError('conflict', 'accept the conversation before replying');
  const stored: MessageView = { ...view, seq: outcome.seq };
  const { organizationId, conversationId } = stamped;
  core.bus.publish([
    { id: outcome.eventId, type: 'message.created', organizationId, widgetId: outcome.widgetId, conversationId, payload: { message: stored }, occurredAt: stamped.createdAt },
  ]);
  return stored;
}

/** What an integration may attach to a text message: its own id for it and free-form attributes (kept in `content`). */
export type MessageTags = Pick<MessageContent, 'echoId' | 'attributes'>;

const tagsContent = (tags: MessageTags | undefined): MessageContent | null =>
  tags && (tags.echoId !== undefined || tags.attributes !== undefined) ? { ...(tags.echoId !== undefined && { echoId: tags.echoId }), ...(tags.attributes && { attributes: tags.attributes }) } : null;

/** The visitor writes in their own conversation (the caller has checked the visitor's session). */
export async function postVisitorMessage(
  core: Core,
  organizationId: string,
  conversationId: string,
  contactId: string,
  body: string,
  tags?: MessageTags,
): Promise<MessageView> {
  const text = checkBody(body);
  // Ownership before state: another visitor's chat is "not found", never "closed".
  return appendAndPublish(core, {
    organizationId,
    conversationId,
    body: text,
    sender: { type: 'visitor' },
    private: false,
    requireContactId: contactId,
    content: tagsContent(tags),
  });
}

/**
 * An agent replies, or writes an internal note (`private`, never shown to the visitor).
 * Any agent of the organization may write notes; replies need the conversation to be theirs.
 */
export async function postAgentMessage(
  core: Core,
  organizationId: string,
  conversationId: string,
  userId: string,
  body: string,
  options: { private?: boolean; tags?: MessageTags } = {},
): Promise<MessageView> {
  const text = checkBody(body);
  // The name shown with the reply depends on the widget; read outside the statement, it is
  // the widget's at this moment (a transfer to another widget racing the reply is harmless).
  const conversation = await findConversation(core.db, organizationId, conversationId);
  if (!conversation) throw notFound('conversation not found');
  if (!(await findUserById(core.db, organizationId, userId))) throw notFound('user not found');
  const name = await displayNameOf(core.db, organizationId, conversation.widgetId, { type: 'user', id: userId });
  const isPrivate = options.private ?? false;
  return appendAndPublish(core, {
    organizationId,
    conversationId,
    body: text,
    sender: { type: 'agent', userId, name },
    private: isPrivate,
    ...(!isPrivate && { requireAssigneeUserId: userId }),
    content: tagsContent(options.tags),
  });
}

/** A bot member answers: text, buttons or cards. */
export async function postBotMessage(
  core: Core,
  organizationId: string,
  conversationId: string,
  botId: string,
  body: string,
  content?: MessageContent,
): Promise<MessageView> {
  const text = checkBody(body, content);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId);
    const bot = await findBot(tx, organizationId, botId);
    if (!bot) throw notFound('bot not found');
    return appendMessage(tx, emit, row, {
      senderType: 'bot',
      senderBotId: botId,
      senderName: await displayNameOf(tx, organizationId, row.widgetId, { type: 'bot', id: botId }),
      body: text,
      kind: content ? 'structured' : 'text',
      content: content ?? null,
    });
  });
}

/** A notice from the system to both sides (e.g. wait-time messages, transfers). */
export async function postSystemMessage(core: Core, organizationId: string, conversationId: string, body: string, event?: MessageContent['event']) {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId);
    return appendMessage(tx, emit, row, { senderType: 'system', body, kind: event ? 'event' : 'text', content: event ? { event } : null });
  });
}
