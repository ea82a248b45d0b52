import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { contacts, conversations, messages } from '../schema/index.ts';
import type { ConversationRow } from './conversations.ts';

/**
 * Reads behind the console's lists, chat history and search. Kept apart from
 * conversations.ts, which serves the commands: these are read-only and paged.
 */

export interface ConversationFilter {
  statuses?: Array<ConversationRow['status']>;
  widgetId?: string;
  assigneeUserId?: string;
  contactId?: string;
  /** Only conversations started before this instant (the next page of a newest-first list). */
  before?: Date;
  order: 'oldest' | 'newest';
  limit: number;
}

export async function listConversationsFiltered(db: Executor, organizationId: string, filter: ConversationFilter): Promise<ConversationRow[]> {
  // A malformed id in a filter names nothing: an empty page, not a database error.
  for (const id of [filter.widgetId, filter.assigneeUserId, filter.contactId]) if (id !== undefined && !isUuid(id)) return [];
  const conditions: SQL[] = [eq(conversations.organizationId, organizationId)];
  if (filter.statuses?.length) conditions.push(inArray(conversations.status, filter.statuses));
  if (filter.widgetId) conditions.push(eq(conversations.widgetId, filter.widgetId));
  if (filter.assigneeUserId) conditions.push(eq(conversations.assigneeUserId, filter.assigneeUserId));
  if (filter.contactId) conditions.push(eq(conversations.contactId, filter.contactId));
  if (filter.before) conditions.push(lt(conversations.createdAt, filter.before));
  const order = filter.order === 'oldest' ? asc(conversations.createdAt) : desc(conversations.createdAt);
  return db.select().from(conversations).where(and(...conditions)).orderBy(order).limit(filter.limit);
}

/** The newest message of each conversation (internal notes included: agents read these lists). */
export async function listLastMessages(db: Executor, conversationIds: string[]) {
  if (conversationIds.length === 0) return [];
  return db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(inArray(messages.conversationId, conversationIds))
    .orderBy(messages.conversationId, desc(messages.seq));
}

/** Per conversation, the visitor's messages no agent has read yet (read receipts stamp `read_at`); conversations with none are left out. */
export async function countUnreadVisitorMessages(db: Executor, conversationIds: string[]): Promise<Array<{ conversationId: string; unread: number }>> {
  if (conversationIds.length === 0) return [];
  return db
    .select({ conversationId: messages.conversationId, unread: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(inArray(messages.conversationId, conversationIds), eq(messages.senderType, 'visitor'), isNull(messages.readAt)))
    .groupBy(messages.conversationId);
}

/** One page of a conversation's messages ending before `beforeSeq`, returned oldest first. */
export async function listMessagesBefore(db: Executor, conversationId: string, beforeSeq: number | undefined, limit: number) {
  const conditions: SQL[] = [eq(messages.conversationId, conversationId)];
  if (beforeSeq !== undefined) conditions.push(lt(messages.seq, beforeSeq));
  const rows = await db.select().from(messages).where(and(...conditions)).orderBy(desc(messages.seq)).limit(limit);
  return rows.reverse();
}

export async function listContactsByIds(db: Executor, organizationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), inArray(contacts.id, ids)));
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface SearchHit {
  conversationId: string;
  /** The best matching message, or null when only the contact's name or e-mail matched. */
  messageBody: string | null;
}

/**
 * Full-text search over messages (words, any language: the `simple` configuration
 * does no stemming), with a substring fallback for fragments such as order numbers
 * and e-mail parts, plus the contact's name and e-mail. Computed at query time:
 * fine for the history of one organization; an index would come with a migration.
 */
export async function searchConversationIds(db: Executor, organizationId: string, text: string, limit: number): Promise<SearchHit[]> {
  const pattern = likePattern(text);
  const matchesWords = sql`to_tsvector('simple', ${messages.body}) @@ plainto_tsquery('simple', ${text})`;
  // The newest matching message per conversation, then the conversations with the newest matches first.
  const newestMatch = db
    .selectDistinctOn([messages.conversationId], { conversationId: messages.conversationId, body: messages.body, seq: messages.seq })
    .from(messages)
    .where(and(eq(messages.organizationId, organizationId), or(matchesWords, ilike(messages.body, pattern))))
    .orderBy(messages.conversationId, desc(messages.seq))
    .as('newest_match');
  const messageHits = await db.select().from(newestMatch).orderBy(desc(newestMatch.seq)).limit(limit);
  const contactHits = await db
    .select({ conversationId: conversations.id })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.organizationId, organizationId), or(ilike(contacts.name, pattern), ilike(contacts.email, pattern))))
    .orderBy(desc(conversations.createdAt))
    .limit(limit);
  const hits = new Map<string, SearchHit>();
  for (const hit of messageHits) hits.set(hit.conversationId, { conversationId: hit.conversationId, messageBody: hit.body });
  for (const hit of contactHits) if (!hits.has(hit.conversationId)) hits.set(hit.conversationId, { conversationId: hit.conversationId, messageBody: null });
  return [...hits.values()];
}

/** Conversations by id, newest first, restricted to the organization. */
export async function listConversationsByIds(db: Executor, organizationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), inArray(conversations.id, ids)))
    .orderBy(desc(conversations.createdAt));
}
