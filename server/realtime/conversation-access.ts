import type { Core } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { getConversation } from '../core/queries/conversations.ts';
import type { Connection } from './connection.ts';
import type { Identity } from './identity.ts';

/** Remembering every conversation a long-lived console socket touched is not worth unbounded memory. */
const REMEMBERED_CONVERSATIONS = 1_000;

/**
 * Refuses a conversation the socket may not touch: agents reach any
 * conversation of their organization, visitors only their own. Both get the
 * same "not found", so a visitor cannot probe for other visitors' chats.
 * The answer is cached per socket: a conversation never changes owner or organization.
 */
export async function requireConversationAccess(core: Core, connection: Connection, identity: Identity, conversationId: string): Promise<void> {
  if (connection.allowedConversations.has(conversationId)) return;
  const conversation = await getConversation(core, identity.organizationId, conversationId);
  if (!conversation || (identity.role === 'visitor' && conversation.contactId !== identity.contactId)) {
    throw notFound('conversation not found');
  }
  rememberConversation(connection, conversationId);
}

export function rememberConversation(connection: Connection, conversationId: string): void {
  if (connection.allowedConversations.size >= REMEMBERED_CONVERSATIONS) connection.allowedConversations.clear();
  connection.allowedConversations.add(conversationId);
}
