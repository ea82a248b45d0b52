import { countUnreadVisitorMessages } from '../../db/repositories/conversation-browsing.ts';
import {
  countConversationsByScope,
  findConversationByNumber,
  findMessageBySeq,
  listConversationPage,
  listLastChatMessages,
  listMessageWindow,
  type AssigneeScope,
  type ConversationCounts,
  type ConversationPageFilter,
  type MessageWindow,
} from '../../db/repositories/conversation-lookup.ts';
import { findConversation, listLabels, type ConversationRow } from '../../db/repositories/conversations.ts';
import type { MessageRow } from '../../db/repositories/messages.ts';
import type { Core } from '../context.ts';
import { toConversation, toMessageView } from '../conversation-view.ts';
import type { Conversation, MessageView } from '../types.ts';

export type { AssigneeScope, ConversationCounts, ConversationPageFilter, MessageWindow };

/**
 * Conversations and messages as integrations name them: a conversation by its display number,
 * a message by its sequence number, with the read receipts that become a delivery status.
 */

/** A message with when the other side's client received and read it. */
export interface ReceiptedMessage {
  message: MessageView;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** A conversation with its newest message that is not a system notice, and its unread visitor messages. */
export interface ConversationEntry {
  conversation: Conversation;
  lastMessage: ReceiptedMessage | null;
  unreadCount: number;
}

const toReceipted = (row: MessageRow): ReceiptedMessage => ({ message: toMessageView(row), deliveredAt: row.deliveredAt, readAt: row.readAt });

export async function getConversationByNumber(core: Core, organizationId: string, number: number): Promise<Conversation | undefined> {
  const found = await findConversationByNumber(core.db, organizationId, number);
  return found && toConversation(found.row, found.labels);
}

/** Labels, last message and unread count for conversation rows, in three queries whatever their number. */
async function describe(core: Core, rows: ConversationRow[]): Promise<ConversationEntry[]> {
  const ids = rows.map((row) => row.id);
  const [labels, lastMessages, unread] = await Promise.all([listLabels(core.db, ids), listLastChatMessages(core.db, ids), countUnreadVisitorMessages(core.db, ids)]);
  const lastById = new Map(lastMessages.map((row) => [row.conversationId, toReceipted(row)]));
  const unreadById = new Map(unread.map((row) => [row.conversationId, row.unread]));
  return rows.map((row) => ({ conversation: toConversation(row, labels), lastMessage: lastById.get(row.id) ?? null, unreadCount: unreadById.get(row.id) ?? 0 }));
}

/** One conversation (by uuid) with what its list entry shows. */
export async function getConversationEntry(core: Core, organizationId: string, conversationId: string): Promise<ConversationEntry | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  return row && (await describe(core, [row]))[0];
}

export interface ConversationPageQuery {
  filter: ConversationPageFilter;
  scope: AssigneeScope;
  /** Counted from 1. */
  page: number;
  perPage: number;
  /** Whose conversations count as "mine". */
  userId: string;
}

/** One page of matching conversations, most recently active first, and the counts per assignee scope. */
export async function listConversationEntries(core: Core, organizationId: string, query: ConversationPageQuery): Promise<{ entries: ConversationEntry[]; counts: ConversationCounts }> {
  const [rows, counts] = await Promise.all([
    listConversationPage(core.db, organizationId, query.filter, query.scope, { offset: (query.page - 1) * query.perPage, limit: query.perPage }),
    countConversationsByScope(core.db, organizationId, query.filter, query.userId),
  ]);
  return { entries: await describe(core, rows), counts };
}

/** A window of a conversation's messages (notes included), oldest first; undefined when the conversation is not the organization's. */
export async function getMessageWindow(core: Core, organizationId: string, conversationId: string, window: MessageWindow): Promise<ReceiptedMessage[] | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  if (!row) return undefined;
  return (await listMessageWindow(core.db, row.id, window)).map(toReceipted);
}

/** A message of the organization's conversation by its sequence number. */
export async function getMessageBySeq(core: Core, organizationId: string, conversationId: string, seq: number): Promise<ReceiptedMessage | undefined> {
  const conversation = await findConversation(core.db, organizationId, conversationId);
  const row = conversation && (await findMessageBySeq(core.db, conversation.id, seq));
  return row && toReceipted(row);
}
