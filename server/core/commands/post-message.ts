import { findConversation } from '../../db/repositories/conversations.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { findBot } from '../../db/repositories/bots.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import type { Core } from '../context.ts';
import { displayNameOf } from '../display-name.ts';
import { invalid, notFound } from '../errors.ts';
import type { MessageView } from '../types.ts';
import { appendMessage } from './append-message.ts';

const BODY_MAX = 10_000;

function checkBody(body: string, content?: MessageContent): string {
  const text = body.trim();
  if (text === '' && !content) throw invalid('body', 'body must not be empty');
  if (text.length > BODY_MAX) throw invalid('body', `body must be at most ${BODY_MAX} characters`);
  return text;
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
  return appendMessage(core, { organizationId, conversationId, body: text, sender: { type: 'visitor' }, requireContactId: contactId, content: tagsContent(tags) });
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
  return appendMessage(core, {
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
  const conversation = await findConversation(core.db, organizationId, conversationId);
  if (!conversation) throw notFound('conversation not found');
  if (!(await findBot(core.db, organizationId, botId))) throw notFound('bot not found');
  const name = await displayNameOf(core.db, organizationId, conversation.widgetId, { type: 'bot', id: botId });
  return appendMessage(core, { organizationId, conversationId, body: text, sender: { type: 'bot', botId, name }, kind: content ? 'structured' : 'text', content: content ?? null });
}

/** A notice from the system to both sides (e.g. wait-time messages, transfers). */
export function postSystemMessage(core: Core, organizationId: string, conversationId: string, body: string, event?: MessageContent['event']): Promise<MessageView> {
  return appendMessage(core, { organizationId, conversationId, body, sender: { type: 'system' }, kind: event ? 'event' : 'text', content: event ? { event } : null });
}
