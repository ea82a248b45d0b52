import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions, type DeliveryState } from '../schema/index.ts';

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;
export type NewDelivery = Omit<typeof webhookDeliveries.$inferInsert, 'seq'>;

export async function insertSubscription(tx: Executor, values: typeof webhookSubscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [row] = await tx.insert(webhookSubscriptions).values(values).returning();
  return row!;
}

export async function findSubscription(db: Executor, organizationId: string, id: string): Promise<SubscriptionRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, id)));
  return row;
}

export async function listSubscriptions(db: Executor, organizationId: string): Promise<SubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.organizationId, organizationId)).orderBy(webhookSubscriptions.createdAt);
}

/** The active subscriptions of these organizations (what one dispatcher pass fans events out to). */
export async function listActiveSubscriptions(db: Executor, organizationIds: readonly string[]): Promise<SubscriptionRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(webhookSubscriptions)
    .where(and(inArray(webhookSubscriptions.organizationId, [...organizationIds]), eq(webhookSubscriptions.active, true)));
}

export async function updateSubscriptionRow(
  tx: Executor,
  organizationId: string,
  id: string,
  changes: Partial<typeof webhookSubscriptions.$inferInsert>,
): Promise<SubscriptionRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(webhookSubscriptions)
    .set(changes)
    .where(and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, id)))
    .returning();
  return row;
}

/** Answers what the deleted subscription was scoped to, or undefined when there was none. */
export async function deleteSubscriptionRow(
  tx: Executor,
  organizationId: string,
  id: string,
): Promise<Pick<SubscriptionRow, 'format' | 'widgetId'> | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .delete(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, id)))
    .returning({ format: webhookSubscriptions.format, widgetId: webhookSubscriptions.widgetId });
  return row;
}

/** Adds deliveries; one that exists for the same event and subscription is kept as it is. */
export async function insertDeliveries(tx: Executor, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.insert(webhookDeliveries).values([...deliveries]).onConflictDoNothing({ target: [webhookDeliveries.eventId, webhookDeliveries.subscriptionId] });
}

export async function findDelivery(db: Executor, organizationId: string, id: string): Promise<DeliveryRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, organizationId), eq(webhookDeliveries.id, id)));
  return row;
}

/** A subscription's deliveries, newest first; `beforeSeq` pages back. */
export async function listDeliveries(
  db: Executor,
  organizationId: string,
  subscriptionId: string,
  options: { state?: DeliveryState; beforeSeq?: number; limit: number },
): Promise<DeliveryRow[]> {
  if (!isUuid(subscriptionId)) return [];
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        options.state ? eq(webhookDeliveries.state, options.state) : undefined,
        options.beforeSeq !== undefined ? lt(webhookDeliveries.seq, options.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(options.limit);
}

export async function listAttempts(db: Executor, deliveryId: string): Promise<AttemptRow[]> {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.id);
}

/** Puts a delivery back in line from now on (same id, same body); its earlier attempts stay in the log. */
export async function requeueDelivery(tx: Executor, id: string, retryUntil: Date): Promise<DeliveryRow> {
  const [row] = await tx
    .update(webhookDeliveries)
    .set({ state: 'pending', nextAttemptAt: sql`now()`, retryUntil, settledAt: null, lastError: null })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return row!;
}

/** For the delivery worker, which acts for every organization. */
export async function findSubscriptionById(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  return row;
}

/**
 * Deletes up to `limit` deliveries that settled before `before` (their attempts go with them);
 * pending ones are never touched. Answers how many it deleted.
 */
export async function deleteSettledDeliveries(db: Executor, before: Date, limit: number): Promise<number> {
  const oldest = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(ne(webhookDeliveries.state, 'pending'), lt(webhookDeliveries.settledAt, before)))
    .limit(limit);
  const deleted = await db.delete(webhookDeliveries).where(inArray(webhookDeliveries.id, oldest)).returning({ id: webhookDeliveries.id });
  return deleted.length;
}
