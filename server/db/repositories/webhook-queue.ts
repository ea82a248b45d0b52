import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { webhookAttempts, webhookDeliveries, type DeliveryState } from '../schema/index.ts';
import type { DeliveryRow } from './webhooks.ts';

/**
 * Claims up to `limit` due deliveries that head their line: no earlier delivery of the same
 * subscription and ordering key is still pending (a claimed one counts, its due time is in
 * the future). Claiming pushes the due time past the attempt's timeout (a lease: a worker
 * that dies mid-attempt leaves the row to be claimed again), counts the attempt and starts
 * the retry window on the first one. SKIP LOCKED lets several workers claim side by side.
 */
export async function claimDueDeliveries(
  db: Executor,
  options: { limit: number; leaseMs: number; retryWindowMs: number },
): Promise<DeliveryRow[]> {
  const result = (await db.execute(sql`
    with heads as (
      select d.id from webhook_deliveries d
      where d.state = 'pending' and d.next_attempt_at <= now()
        and not exists (
          select 1 from webhook_deliveries earlier
          where earlier.subscription_id = d.subscription_id and earlier.ordering_key = d.ordering_key
            and earlier.state = 'pending' and earlier.seq < d.seq)
      order by d.seq
      limit ${options.limit}::int
      for update skip locked
    )
    update webhook_deliveries w
    set next_attempt_at = now() + ${options.leaseMs}::double precision * interval '1 millisecond',
        attempts = w.attempts + 1,
        retry_until = coalesce(w.retry_until, now() + ${options.retryWindowMs}::double precision * interval '1 millisecond')
    from heads where w.id = heads.id
    returning w.id`)) as unknown as { rows: Array<{ id: string }> };
  const ids = result.rows.map((row) => row.id);
  if (ids.length === 0) return [];
  return db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids)).orderBy(webhookDeliveries.seq);
}

export interface DeliveryOutcome {
  deliveryId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** Where the delivery stands after this attempt. */
  state: DeliveryState;
  /** When pending: the next try. */
  nextAttemptAt: Date | null;
}

/**
 * Stores a batch of attempts and what they decided, in one transaction of two statements.
 * The update goes first and locks the rows: an attempt of a delivery deleted meanwhile (its
 * subscription was removed) is dropped instead of failing the batch on the foreign key.
 */
export async function recordOutcomes(db: Executor, outcomes: readonly DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = sql.join(
      outcomes.map(
        (o) => sql`(${o.deliveryId}::uuid, ${o.state}, ${o.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${o.state === 'delivered' ? null : o.error})`,
      ),
      sql`, `,
    );
    const updated = (await tx.execute(sql`
      update webhook_deliveries d
      set state = v.state,
          next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
          last_error = v.error,
          settled_at = case when v.state = 'pending' then null else now() end
      from (values ${rows}) as v(id, state, next_attempt_at, error)
      where d.id = v.id
      returning d.id`)) as unknown as { rows: Array<{ id: string }> };
    const existing = new Set(updated.rows.map((row) => row.id));
    const attempts = outcomes.filter((o) => existing.has(o.deliveryId));
    if (attempts.length === 0) return;
    await tx.insert(webhookAttempts).values(
      attempts.map((o) => ({
        deliveryId: o.deliveryId,
        attemptedAt: o.attemptedAt,
        statusCode: o.statusCode,
        latencyMs: o.latencyMs,
        error: o.error,
        responseExcerpt: o.responseExcerpt,
      })),
    );
  });
}
