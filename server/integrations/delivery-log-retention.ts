import type { Core } from '../core/context.ts';
import { deleteSettledDeliveries } from '../db/repositories/webhooks.ts';

const DAY_MS = 86_400_000;
/** Rows per delete statement: short statements, so the sweep never holds up the delivery worker. */
const BATCH = 1_000;
/** The log is judged in days, so once an hour is often enough. */
export const RETENTION_SWEEP_MS = 3_600_000;

/**
 * Keeps the delivery log from growing forever: deletes deliveries that settled (delivered,
 * failed, e-mailed) more than `retentionDays` ago, with their attempts. Pending deliveries stay,
 * however old. Answers how many deliveries it deleted.
 */
export async function pruneDeliveryLog(core: Core, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  let deleted: number;
  do {
    deleted = await deleteSettledDeliveries(core.db, before, BATCH);
    total += deleted;
  } while (deleted === BATCH);
  return total;
}
