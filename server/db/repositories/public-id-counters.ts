import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { publicIdCounters } from '../schema/index.ts';

/**
 * The next integer of an organization's counter for `entity`, as the `assign_public_id` trigger
 * takes it for users, widgets and contacts, for entities numbered without a column of their own
 * (a vendor's integer id kept as an external reference). The counter row stays locked until the
 * transaction ends, so concurrent callers take their numbers in turn.
 */
export async function takeNextPublicId(tx: Executor, organizationId: string, entity: string): Promise<number> {
  const [row] = await tx
    .insert(publicIdCounters)
    .values({ organizationId, entity, lastValue: 1 })
    .onConflictDoUpdate({ target: [publicIdCounters.organizationId, publicIdCounters.entity], set: { lastValue: sql`${publicIdCounters.lastValue} + 1` } })
    .returning({ value: publicIdCounters.lastValue });
  return row!.value;
}
