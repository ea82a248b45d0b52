import { asc, eq, gt, sql } from 'drizzle-orm';
import type { StoredEvent } from '../../core/events.ts';
import type { Executor } from '../client.ts';
import { domainEvents, outboxCursors } from '../schema/index.ts';
import { toStoredEvent } from './events.ts';

/** Creates a reader's cursor unless it exists: at the start of the log, or at its current end. */
export async function initCursor(db: Executor, name: string, atEnd: boolean): Promise<void> {
  await db.execute(sql`
    insert into outbox_cursors (name, last_event_id)
    select ${name}, case when ${atEnd} then coalesce(max(id), 0) else 0 end from domain_events
    on conflict (name) do nothing`);
}

/** The reader's stored position (initCursor made it), locked for this transaction so two processes never dispatch the same page. */
export async function lockCursor(tx: Executor, name: string): Promise<number> {
  const [row] = await tx.select().from(outboxCursors).where(eq(outboxCursors.name, name)).for('update');
  return row!.lastEventId;
}

export async function readCursor(db: Executor, name: string): Promise<number> {
  const [row] = await db.select().from(outboxCursors).where(eq(outboxCursors.name, name));
  return row?.lastEventId ?? 0;
}

export async function saveCursor(tx: Executor, name: string, lastEventId: number): Promise<void> {
  await tx.update(outboxCursors).set({ lastEventId, updatedAt: sql`now()` }).where(eq(outboxCursors.name, name));
}

/** Events of every organization after a position, oldest first. */
export async function readEventsAfter(db: Executor, afterId: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db.select().from(domainEvents).where(gt(domainEvents.id, afterId)).orderBy(asc(domainEvents.id)).limit(limit);
  return rows.map(toStoredEvent);
}

/**
 * The transaction horizon now: every transaction id below `xmin` has finished, and every
 * transaction that has started so far has an id below `xmax`. Used to tell an event id
 * that is still being written from one that was rolled back (see outbox-reader.ts).
 */
export async function transactionHorizon(db: Executor): Promise<{ xmin: bigint; xmax: bigint }> {
  const result = (await db.execute(
    sql`select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax from pg_current_snapshot() as s`,
  )) as unknown as { rows: Array<{ xmin: string; xmax: string }> };
  const row = result.rows[0]!;
  return { xmin: BigInt(row.xmin), xmax: BigInt(row.xmax) };
}
