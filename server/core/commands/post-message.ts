import { randomUUID } from 'node:crypto';
import { appendVisitorMessageAtomically } from '../../db/repositories/message-append.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { findBot } from '../../db/repositories/bots.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import type { Core } from '../context.ts';
import { displayNameOf } from '../display-name.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
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
 * The visitor writes in their own conversation (the caller has checked the visitor's session).
 * The hottest write of the product, so it is one statement (message-append.ts), not a transaction.
 */
export async function postVisitorMessage(
  core: Core,
  organizationId: string,
  conversationId: string,
  contactId: string,
  body: string,
): Promise<MessageView> {
  const text = checkBody(body);
  const message = { id: randomUUID(), organizationId, conversationId, contactId, body: text, createdAt: new Date() };
  const view: MessageView = {
    id: message.id,
    seq: 0,
    conversationId,
    senderType: 'visitor',
    senderId: null,
    senderName: null,
    kind: 'text',
    body: text,
    content: null,
    private: false,
    createdAt: message.createdAt.toISOString(),
  };
  const outcome = await appendVisitorMessageAtomically(core.db, message, view);
  // Ownership before state: another visitor's chat must be "not found", not reveal that it is closed.
  if (outcome.status === 'not_found') throw notFound('conversation not found');
  if (outcome.status === 'closed') throw conflict('conversation is closed');
  const stored: MessageView = { ...view, seq: outcome.seq };
  core.bus.publish([
    {
      id: outcome.eventId,
      type: 'message.created',
      organizationId,
      widgetId: outcome.widgetId,
      conversationId,
      payload: { message: stored },
      occurredAt: message.createdAt,
    },
  ]);
  return stored;
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
  options: { private?: boolean } = {},
): Promise<MessageView> {
  const text = checkBody(body);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId);
    const user = await findUserById(tx, organizationId, userId);
    if (!user) throw notFound('user not found');
    if (!options.private && row.assigneeUserId !== userId) {
      throw new DomainError('conflict', 'accept the conversation before replying');
    }
    return appendMessage(tx, emit, row, {
      senderType: 'agent',
      senderUserId: userId,
      senderName: await displayNameOf(tx, organizationId, row.widgetId, { type: 'user', id: userId }),
      body: text,
      kind: options.private ? 'note' : 'text',
      private: options.private ?? false,
    });
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
