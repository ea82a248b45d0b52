import { and, asc, eq, gt, inArray, isNull, lte, max, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { conversations, messages } from '../schema/index.ts';

export type MessageRow = typeof messages.$inferSelect;

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

export interface StampRequest {
  organizationId: string;
  conversationId: string;
  /** Only messages of these senders are stamped (a side acknowledges the other side's messages). */
  senders: Array<MessageRow['senderType']>;
  upToSeq: number;
  receipt: 'delivered' | 'read';
}

/**
 * Sets delivered_at (and for `read` also read_at) on the not yet stamped messages up to a
 * sequence number. Null when the conversation does not exist in this organization.
 */
export async function stampMessages(tx: Executor, request: StampRequest): Promise<{ count: number; widgetId: string } | null> {
  if (!isUuid(request.conversationId)) return null;
  const [conversation] = await tx
    .select({ widgetId: conversations.widgetId })
    .from(conversations)
    .where(and(eq(conversations.id, request.conversationId), eq(conversations.organizationId, request.organizationId)));
  if (!conversation) return null;
  const now = new Date();
  const stampColumn = request.receipt === 'read' ? messages.readAt : messages.deliveredAt;
  const stamped = await tx
    .update(messages)
    .set(request.receipt === 'read' ? { readAt: now, deliveredAt: sql`coalesce(${messages.deliveredAt}, ${now})` } : { deliveredAt: now })
    .where(
      and(
        eq(messages.conversationId, request.conversationId),
        lte(messages.seq, request.upToSeq),
        inArray(messages.senderType, request.senders),
        eq(messages.private, false),
        isNull(stampColumn),
      ),
    )
    .returning({ seq: messages.seq });
  return { count: stamped.length, widgetId: conversation.widgetId };
}
