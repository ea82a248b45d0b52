import { findConversation, listConversationsByStatus, listLabels } from '../../db/repositories/conversations.ts';
import { listMessages } from '../../db/repositories/messages.ts';
import type { Core } from '../context.ts';
import { toConversation, toMessageView } from '../conversation-view.ts';
import type { Conversation, ConversationStatus, MessageView } from '../types.ts';

export async function getConversation(core: Core, organizationId: string, conversationId: string): Promise<Conversation | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  return row && toConversation(row, await listLabels(core.db, [row.id]));
}

/** Messages in order; visitors never get internal notes. */
export async function getTranscript(
  core: Core,
  organizationId: string,
  conversationId: string,
  options: { includePrivate: boolean; afterSeq?: number },
): Promise<MessageView[] | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  if (!row) return undefined;
  return (await listMessages(core.db, row.id, options)).map(toMessageView);
}

/** Conversations by status, oldest first (the queue and the running chats). */
export async function listConversations(core: Core, organizationId: string, statuses: ConversationStatus[], limit = 200): Promise<Conversation[]> {
  const rows = await listConversationsByStatus(core.db, organizationId, statuses, limit);
  const labels = await listLabels(core.db, rows.map((r) => r.id));
  return rows.map((row) => toConversation(row, labels));
}
