import { and, asc, eq, gt, max } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { messages } from '../schema/index.ts';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessageRow = typeof messages.$inferInsert;

export async function insertMessage(tx: Executor, values: NewMessageRow): Promise<MessageRow> {
  const [row] = await tx.insert(messages).values(values).returning();
  return row!;
}

/** A conversation's messages in order, optionally only those after a sequence number. */
export async function listMessages(db: Executor, conversationId: string, options: { afterSeq?: number; includePrivate: boolean; limit?: number }) {
  const conditions = [eq(messages.conversationId, conversationId), gt(messages.seq, options.afterSeq ?? 0)];
  if (!options.includePrivate) conditions.push(eq(messages.private, false));
  return db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(asc(messages.seq))
    .limit(options.limit ?? 10_000);
}

export async function lastMessageSeq(db: Executor, conversationId: string): Promise<number> {
  const [row] = await db.select({ seq: max(messages.seq) }).from(messages).where(eq(messages.conversationId, conversationId));
  return row?.seq ?? 0;
}
