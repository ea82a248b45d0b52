import { and, asc, desc, eq, getTableColumns, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { conversationCounters, conversationLabels, conversations, widgets } from '../schema/index.ts';

export type ConversationRow = typeof conversations.$inferSelect;
/** The number is the organization's next one, given out here. */
export type NewConversationRow = Omit<typeof conversations.$inferInsert, 'number'>;
export type LabelRow = typeof conversationLabels.$inferSelect;
/** A label as a conversation carries it. */
export type ConversationLabel = Pick<LabelRow, 'conversationId' | 'name' | 'value'>;

/** Call inside the transaction that creates the conversation: the counter row stays locked until it ends. */
export async function insertConversation(tx: Executor, values: NewConversationRow): Promise<ConversationRow> {
  const number = await takeConversationNumber(tx, values.organizationId);
  const [row] = await tx
    .insert(conversations)
    .values({ ...values, number })
    .returning();
  return row!;
}

/** The organization's next conversation number; its first conversation creates the counter. */
async function takeConversationNumber(tx: Executor, organizationId: string): Promise<number> {
  const [counter] = await tx
    .insert(conversationCounters)
    .values({ organizationId, lastNumber: 1 })
    .onConflictDoUpdate({ target: conversationCounters.organizationId, set: { lastNumber: sql`${conversationCounters.lastNumber} + 1` } })
    .returning({ lastNumber: conversationCounters.lastNumber });
  return counter!.lastNumber;
}

/** Locks the row for the rest of the transaction, so concurrent changes to one conversation apply in turn. */
export async function findConversationForUpdate(tx: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), eq(conversations.id, id)))
    .for('update');
  return row;
}

export async function findConversation(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), eq(conversations.id, id)));
  return row;
}

export async function updateConversationRow(tx: Executor, id: string, values: Partial<NewConversationRow>) {
  const [row] = await tx.update(conversations).set(values).where(eq(conversations.id, id)).returning();
  return row!;
}

export async function listConversationsByStatus(
  db: Executor,
  organizationId: string,
  statuses: Array<ConversationRow['status']>,
  limit: number,
) {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), inArray(conversations.status, statuses)))
    .orderBy(asc(conversations.createdAt))
    .limit(limit);
}

export async function listConversationsOfContact(db: Executor, organizationId: string, contactId: string, limit: number) {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.createdAt))
    .limit(limit);
}

/** The contact's most recent conversation that has not closed, if any. */
export async function findLatestUnclosedConversationOfContact(db: Executor, organizationId: string, contactId: string) {
  const [row] = await db
    .select({ id: conversations.id, widgetId: conversations.widgetId })
    .from(conversations)
    .where(and(eq(conversations.organizationId, organizationId), eq(conversations.contactId, contactId), ne(conversations.status, 'closed')))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row;
}

/** Conversations in one status whose last activity was before `before` (for the timers: idle chats, waiting visitors). */
/**
 * Web-widget conversations idle since `before`: the clocks close and notice only those. A
 * backend's channel (API inbox, external chat server) decides itself when its conversations end.
 */
export async function listInactiveConversations(db: Executor, status: 'queued' | 'open', before: Date, limit: number) {
  return db
    .select(getTableColumns(conversations))
    .from(conversations)
    .innerJoin(widgets, eq(widgets.id, conversations.widgetId))
    .where(and(eq(conversations.status, status), lt(conversations.lastActivityAt, before), eq(widgets.channelType, 'web_widget')))
    .orderBy(asc(conversations.lastActivityAt))
    .limit(limit);
}

export async function insertLabel(tx: Executor, conversationId: string, name: string, value: string) {
  const [row] = await tx.insert(conversationLabels).values({ conversationId, name, value }).returning();
  return row!;
}

export async function deleteLabel(tx: Executor, conversationId: string, name: string, value: string) {
  return tx
    .delete(conversationLabels)
    .where(
      and(eq(conversationLabels.conversationId, conversationId), eq(conversationLabels.name, name), eq(conversationLabels.value, value)),
    )
    .returning();
}

export async function listLabels(db: Executor, conversationIds: string[]): Promise<LabelRow[]> {
  if (conversationIds.length === 0) return [];
  return db
    .select()
    .from(conversationLabels)
    .where(inArray(conversationLabels.conversationId, conversationIds))
    .orderBy(asc(conversationLabels.createdAt));
}
