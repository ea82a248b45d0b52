import { and, asc, count, desc, eq, exists, gt, ilike, inArray, isNotNull, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { conversationLabels, conversations, messages, type MessageContent } from '../schema/index.ts';
import type { ConversationLabel, ConversationRow } from './conversations.ts';
import type { MessageRow } from './messages.ts';

/**
 * Reads behind an integration's conversation API (Chatwoot's): conversations by display number,
 * a filtered page with per-assignee counts, and message windows by sequence number.
 */

/**
 * A conversation by its display number, with its labels, in one query: integrations name
 * conversations this way on every call (Chatwoot's message create among them).
 */
export async function findConversationByNumber(
  db: Executor,
  organizationId: string,
  number: number,
): Promise<{ row: ConversationRow; labels: ConversationLabel[] } | undefined> {
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  const [found] = await db
    .select({
      row: conversations,
      // Qualified by hand: drizzle leaves columns of a one-table select unqualified, and "id" would mean the label's.
      labels: sql<ConversationLabel[]>`coalesce((
        select json_agg(json_build_object('conversationId', l.conversation_id, 'name', l.name, 'value', l.value) order by l.created_at)
        from conversation_labels l where l.conversation_id = conversations.id
      ), '[]'::json)`,
    })
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), eq(conversations.number, number)));
  return found;
}

export interface ConversationPageFilter {
  statuses?: Array<ConversationRow['status']>;
  widgetId?: string;
  contactId?: string;
  /** Handed to this team (a uuid). */
  teamId?: string;
  /** Conversations carrying any of these labels (a label is `name`, or `name:value` when it has a value). */
  labels?: string[];
  /** Substring of any of its messages. */
  search?: string;
}

export type AssigneeScope = { kind: 'mine'; userId: string } | { kind: 'unassigned' } | { kind: 'assigned' } | { kind: 'all' };

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterSql(organizationId: string, filter: ConversationPageFilter): SQL {
  const conditions: SQL[] = [eq(conversations.organizationId, organizationId)];
  if (filter.statuses) conditions.push(filter.statuses.length ? inArray(conversations.status, filter.statuses) : sql`false`);
  if (filter.widgetId) conditions.push(eq(conversations.widgetId, filter.widgetId));
  if (filter.contactId) conditions.push(eq(conversations.contactId, filter.contactId));
  if (filter.teamId) conditions.push(eq(conversations.teamId, filter.teamId));
  if (filter.labels?.length) {
    const named = sql`case when ${conversationLabels.value} = '' then ${conversationLabels.name} else ${conversationLabels.name} || ':' || ${conversationLabels.value} end`;
    conditions.push(
      exists(
        sql`(select 1 from ${conversationLabels} where ${conversationLabels.conversationId} = ${conversations.id} and ${named} in (${sql.join(
          filter.labels.map((label) => sql`${label}`),
          sql`, `,
        )}))`,
      ),
    );
  }
  if (filter.search) {
    conditions.push(
      exists(
        sql`(select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${ilike(messages.body, likePattern(filter.search))})`,
      ),
    );
  }
  return and(...conditions)!;
}

function scopeSql(scope: AssigneeScope): SQL | undefined {
  switch (scope.kind) {
    case 'mine':
      return eq(conversations.assigneeUserId, scope.userId);
    case 'unassigned':
      return isNull(conversations.assigneeUserId);
    case 'assigned':
      return isNotNull(conversations.assigneeUserId);
    case 'all':
      return undefined;
  }
}

export interface ConversationCounts {
  mine: number;
  assigned: number;
  unassigned: number;
  all: number;
}

/** How many conversations match the filter, per assignee scope (Chatwoot's list `meta`). */
export async function countConversationsByScope(db: Executor, organizationId: string, filter: ConversationPageFilter, userId: string): Promise<ConversationCounts> {
  for (const id of [filter.widgetId, filter.contactId, filter.teamId]) if (id !== undefined && !isUuid(id)) return { mine: 0, assigned: 0, unassigned: 0, all: 0 };
  const [row] = await db
    .select({
      all: count(),
      assigned: sql<number>`count(${conversations.assigneeUserId})::int`,
      mine: sql<number>`count(*) filter (where ${conversations.assigneeUserId} = ${userId})::int`,
    })
    .from(conversations)
    .where(filterSql(organizationId, filter));
  const all = row?.all ?? 0;
  const assigned = row?.assigned ?? 0;
  return { mine: row?.mine ?? 0, assigned, unassigned: all - assigned, all };
}

/** One page of matching conversations, most recently active first. */
export async function listConversationPage(
  db: Executor,
  organizationId: string,
  filter: ConversationPageFilter,
  scope: AssigneeScope,
  page: { offset: number; limit: number },
): Promise<ConversationRow[]> {
  for (const id of [filter.widgetId, filter.contactId, filter.teamId]) if (id !== undefined && !isUuid(id)) return [];
  const scoped = scopeSql(scope);
  return db
    .select()
    .from(conversations)
    .where(scoped ? and(filterSql(organizationId, filter), scoped) : filterSql(organizationId, filter))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.number))
    .offset(page.offset)
    .limit(page.limit);
}

/** The newest message of each conversation that is not a system notice (Chatwoot's last non-activity message). */
export async function listLastChatMessages(db: Executor, conversationIds: string[]): Promise<MessageRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(and(inArray(messages.conversationId, conversationIds), ne(messages.senderType, 'system')))
    .orderBy(messages.conversationId, desc(messages.seq));
}

export interface MessageWindow {
  /** Only messages older than this sequence number (the newest `limit` of them). */
  beforeSeq?: number;
  /** Only messages newer than this sequence number (the oldest `limit` of them). */
  afterSeq?: number;
  limit: number;
}

/** A window of one conversation's messages, internal notes included, oldest first. */
export async function listMessageWindow(db: Executor, conversationId: string, window: MessageWindow): Promise<MessageRow[]> {
  const conditions: SQL[] = [eq(messages.conversationId, conversationId)];
  if (window.beforeSeq !== undefined) conditions.push(lt(messages.seq, window.beforeSeq));
  if (window.afterSeq !== undefined) conditions.push(gt(messages.seq, window.afterSeq));
  // Only `after`: the oldest ones after it; otherwise the newest ones (before the bound, or at all).
  const oldestFirst = window.afterSeq !== undefined && window.beforeSeq === undefined;
  const rows = await db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(oldestFirst ? asc(messages.seq) : desc(messages.seq))
    .limit(window.limit);
  return oldestFirst ? rows : rows.reverse();
}

export async function findMessageBySeq(db: Executor, conversationId: string, seq: number): Promise<MessageRow | undefined> {
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.seq, seq)));
  return row;
}

/** Rewrites a message's text and content (a withdrawal); answers the row as it now is. */
export async function rewriteMessage(tx: Executor, id: string, values: { body: string; content: MessageContent }): Promise<MessageRow | undefined> {
  const [row] = await tx.update(messages).set(values).where(eq(messages.id, id)).returning();
  return row;
}
