import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { users } from '../schema/index.ts';

export type PresenceStatus = (typeof users.$inferSelect)['presence'];

/**
 * A user's presence, row-locked until the transaction ends, so two concurrent
 * changes each see the other's result as `previous` instead of the same old value.
 */
export async function lockUserPresence(tx: Executor, organizationId: string, userId: string) {
  if (!isUuid(userId)) return undefined;
  const [row] = await tx
    .select({ id: users.id, email: users.email, presence: users.presence, presenceReason: users.presenceReason, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .for('update');
  return row;
}

/** Presence is not a profile edit: `updated_at` is left alone. */
export async function writeUserPresence(
  tx: Executor,
  userId: string,
  values: { presence: PresenceStatus; presenceReason: string | null; presenceChangedAt?: Date },
): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, userId));
}
