import { findContact, type ContactRow } from '../../db/repositories/contacts.ts';
import {
  countUnreadVisitorMessages,
  listContactsByIds,
  listConversationsByIds,
  listConversationsFiltered,
  listLastMessages,
  listMessagesBefore,
  searchConversationIds,
  type ConversationFilter,
} from '../../db/repositories/conversation-browsing.ts';
import { findConversation, listLabels, type ConversationRow } from '../../db/repositories/conversations.ts';
import { listConversationEvents } from '../../db/repositories/events.ts';
import type { Core } from '../context.ts';
import { toConversation, toMessageView } from '../conversation-view.ts';
import type { StoredEvent } from '../events.ts';
import type { Conversation, MessageView } from '../types.ts';

/** What the console shows of a visitor: who they said they are. */
export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The integrating system's own id for the person (API channels); null for web visitors. */
  identifier: string | null;
  createdAt: Date;
  lastSeenAt: Date | null;
}

/** A row of the console's lists: the conversation, its visitor and the newest line. */
export interface ConversationSummary {
  conversation: Conversation;
  contact: Contact | null;
  lastMessage: MessageView | null;
  /** Visitor messages no agent has read yet, so a console that reloads keeps its unread badges. */
  unreadCount: number;
  /** Search only: the message that matched. */
  match?: string | null;
}

export interface PageView {
  url: string;
  title: string | null;
  viewedAt: Date;
}

export interface ConversationDetail {
  summary: ConversationSummary;
  /** Pages the visitor opened during the chat, oldest first (the start page is `entryUrl`/`pageUrl`). */
  pageHistory: PageView[];
  /** The same contact's other conversations, newest first. */
  previousConversations: ConversationSummary[];
}

export type ConversationListFilter = Omit<ConversationFilter, 'order' | 'limit'> & { order?: ConversationFilter['order']; limit?: number };

export const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  identifier: row.identifier,
  createdAt: row.createdAt,
  lastSeenAt: row.lastSeenAt,
});

/** Adds contact, newest message and unread count to conversation rows with four queries, whatever the page size. */
async function summarize(core: Core, organizationId: string, rows: ConversationRow[]): Promise<ConversationSummary[]> {
  const ids = rows.map((row) => row.id);
  const [labels, contacts, lastMessages, unreadCounts] = await Promise.all([
    listLabels(core.db, ids),
    listContactsByIds(core.db, organizationId, [...new Set(rows.map((row) => row.contactId))]),
    listLastMessages(core.db, ids),
    countUnreadVisitorMessages(core.db, ids),
  ]);
  const contactById = new Map(contacts.map((row) => [row.id, toContact(row)]));
  const lastById = new Map(lastMessages.map((row) => [row.conversationId, toMessageView(row)]));
  const unreadById = new Map(unreadCounts.map((row) => [row.conversationId, row.unread]));
  return rows.map((row) => ({
    conversation: toConversation(row, labels),
    contact: contactById.get(row.contactId) ?? null,
    lastMessage: lastById.get(row.id) ?? null,
    unreadCount: unreadById.get(row.id) ?? 0,
  }));
}

export async function listConversationSummaries(core: Core, organizationId: string, filter: ConversationListFilter): Promise<ConversationSummary[]> {
  const rows = await listConversationsFiltered(core.db, organizationId, { order: 'newest', limit: 50, ...filter });
  return summarize(core, organizationId, rows);
}

export async function getConversationDetail(core: Core, organizationId: string, conversationId: string): Promise<ConversationDetail | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  if (!row) return undefined;
  const [[summary], pageEvents, previous] = await Promise.all([
    summarize(core, organizationId, [row]),
    listConversationEvents(core.db, organizationId, row.id, ['visitor.page_viewed']),
    listConversationSummaries(core, organizationId, { contactId: row.contactId, limit: 21 }),
  ]);
  return {
    summary: summary!,
    pageHistory: pageEvents.map((event) => {
      const { url, title } = (event as StoredEvent<'visitor.page_viewed'>).payload;
      return { url, title, viewedAt: event.occurredAt };
    }),
    previousConversations: previous.filter((entry) => entry.conversation.id !== row.id).slice(0, 20),
  };
}

export interface MessagePage {
  messages: MessageView[];
  /** True when older messages exist before the first one of this page. */
  hasMore: boolean;
}

/** The newest `limit` messages before `beforeSeq` (internal notes included), oldest first. */
export async function getMessagePage(
  core: Core,
  organizationId: string,
  conversationId: string,
  options: { beforeSeq?: number; limit: number },
): Promise<MessagePage | undefined> {
  const row = await findConversation(core.db, organizationId, conversationId);
  if (!row) return undefined;
  const rows = await listMessagesBefore(core.db, row.id, options.beforeSeq, options.limit + 1);
  const hasMore = rows.length > options.limit;
  return { messages: (hasMore ? rows.slice(1) : rows).map(toMessageView), hasMore };
}

export async function searchConversations(core: Core, organizationId: string, text: string, limit: number): Promise<ConversationSummary[]> {
  const hits = await searchConversationIds(core.db, organizationId, text, limit);
  const rows = await listConversationsByIds(core.db, organizationId, hits.map((hit) => hit.conversationId));
  const matchOf = new Map(hits.map((hit) => [hit.conversationId, hit.messageBody]));
  return (await summarize(core, organizationId, rows)).map((summary) => ({ ...summary, match: matchOf.get(summary.conversation.id) ?? null }));
}

export async function getContact(core: Core, organizationId: string, contactId: string): Promise<Contact | undefined> {
  const row = await findContact(core.db, organizationId, contactId);
  return row && toContact(row);
}
