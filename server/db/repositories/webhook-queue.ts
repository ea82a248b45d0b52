import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { webhookAttempts, webhookDeliveries, type DeliveryState } from '../schema/index.ts';
import type { DeliveryRow } from './webhooks.ts';

/** A position among delivery lines (subscription, ordering key); claims resume after it, round robin. */
export interface LinePosition {
  subscriptionId: string;
  orderingKey: string;
}

/** Before every line. */
export const FIRST_LINE: LinePosition = { subscriptionId: '00000000-0000-0000-0000-000000000000', orderingKey: '' };

/**
 * Claims the next deliveries of up to `lines` lines (a line is a subscription and ordering
 * key) whose oldest pending delivery is due: up to `perLine` of each line's oldest pending
 * deliveries, in order, for one worker to send one after the other. Sending a line's backlog
 * as a chain makes one claim and one write serve many deliveries while keeping their order.
 *
 * Lines are found by walking the partial index on pending rows after `after`, one index probe
 * per line (a recursive "loose index scan") until enough due lines are found, so a backlog of
 * thousands costs a few hundred probes per claim; passing the last line claimed makes lines
 * take turns. Claiming leases the rows (their due time moves past the attempts' timeouts): a
 * worker that dies mid-chain leaves them to be claimed again. State and due time are checked
 * again on each locked row, so two workers never claim the same delivery.
 */
export async function claimDueDeliveries(
  db: Executor,
  options: { lines: number; perLine: number; leaseMs: number; after: LinePosition },
): Promise<DeliveryRow[]> {
  const { lines, perLine, after } = options;
  const result = (await db.execute(sql`
    with recursive walk as (
      (select d.subscription_id, d.ordering_key, d.id, (d.next_attempt_at <= now()) as due, (d.next_attempt_at <= now())::int as found
       from webhook_deliveries d
       where d.state = 'pending' and (d.subscription_id, d.ordering_key) > (${after.subscriptionId}::uuid, ${after.orderingKey}::text)
       order by d.subscription_id, d.ordering_key, d.seq
       limit 1)
      union all
      (select next.subscription_id, next.ordering_key, next.id, next.due, walk.found + next.due::int
       from walk, lateral (
         select d.subscription_id, d.ordering_key, d.id, (d.next_attempt_at <= now()) as due
         from webhook_deliveries d
         where d.state = 'pending' and (d.subscription_id, d.ordering_key) > (walk.subscription_id, walk.ordering_key)
         order by d.subscription_id, d.ordering_key, d.seq
         limit 1
       ) next
       where walk.found < ${lines}::int)
    ), heads as (
      -- A line is ours only if we lock its head: its followers are never taken without it.
      select d.id, d.subscription_id, d.ordering_key, d.seq from webhook_deliveries d
      where d.id in (select id from walk where due) and d.state = 'pending' and d.next_attempt_at <= now()
      for update skip locked
    ), claimable as (
      select chain.id from heads, lateral (
        select d.id from webhook_deliveries d
        where d.state = 'pending' and d.subscription_id = heads.subscription_id and d.ordering_key = heads.ordering_key and d.seq >= heads.seq
        order by d.seq
        limit ${perLine}::int
      ) chain
    )
    update webhook_deliveries w
    set next_attempt_at = now() + ${options.leaseMs}::double precision * interval '1 millisecond'
    from claimable where w.id = claimable.id
    returning w.id`)) as unknown as { rows: Array<{ id: string }> };
  const ids = result.rows.map((row) => row.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.id, ids))
    .orderBy(webhookDeliveries.subscriptionId, webhookDeliveries.orderingKey, webhookDeliveries.seq);
}

/** What one attempt decided for its delivery. */
export interface DeliveryOutcome {
  kind: 'attempt';
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
  /** Retries stop at this time (set by the first attempt, kept by later ones). */
  retryUntil: Date;
}

/** A claimed delivery given back untried: an earlier one of its chain is to be retried first. */
export interface DeliveryRelease {
  kind: 'release';
  deliveryId: string;
}

/**
 * Stores a batch of attempts and releases, in one transaction of two statements. The update
 * goes first and locks the rows: an attempt of a delivery deleted meanwhile (its subscription
 * was removed) is dropped instead of failing the batch on the foreign key.
 */
export async function recordOutcomes(db: Executor, outcomes: ReadonlyArray<DeliveryOutcome | DeliveryRelease>): Promise<void> {
  if (outcomes.length === 0) return;
  await db.transaction(async (tx) => {
    const rows = sql.join(
      outcomes.map((o) =>
        o.kind === 'release'
          ? sql`(${o.deliveryId}::uuid, 'pending', now(), null::text, 0, null::timestamptz)`
          : sql`(${o.deliveryId}::uuid, ${o.state}, ${o.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${o.state === 'delivered' ? null : o.error}::text, 1, ${o.retryUntil.toISOString()}::timestamptz)`,
      ),
      sql`, `,
    );
    const updated = (await tx.execute(sql`
      update webhook_deliveries d
      set state = v.state,
          next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
          last_error = case when v.tried = 1 then v.error else d.last_error end,
          attempts = d.attempts + v.tried,
          retry_until = coalesce(d.retry_until, v.retry_until),
          settled_at = case when v.state = 'pending' then null else now() end
      from (values ${rows}) as v(id, state, next_attempt_at, error, tried, retry_until)
      where d.id = v.id
      returning d.id`)) as unknown as { rows: Array<{ id: string }> };
    const existing = new Set(updated.rows.map((row) => row.id));
    const attempts = outcomes.filter((o): o is DeliveryOutcome => o.kind === 'attempt' && existing.has(o.deliveryId));
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
