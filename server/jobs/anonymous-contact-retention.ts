import type { Core } from '../core/context.ts';
import { deleteEmptyAnonymousContacts } from '../db/repositories/contacts.ts';

const DAY_MS = 86_400_000;
/** Rows per delete statement: short statements that never hold up chats starting meanwhile. */
const BATCH = 1_000;
/** Contacts are judged in days, so once an hour is often enough. */
export const CONTACT_SWEEP_MS = 3_600_000;

/**
 * Deletes the contacts nobody would miss: no conversation, no name, e-mail, phone or attributes,
 * and not seen for `retentionDays`. Widget visitors get a contact only with their first chat
 * now, so these are the rows every anonymous socket used to leave behind, and any that lose
 * their last conversation. A visitor still holding such a row's token simply becomes a new
 * anonymous visitor. Answers how many it deleted.
 */
export async function pruneAnonymousContacts(core: Core, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  let deleted: number;
  do {
    deleted = await deleteEmptyAnonymousContacts(core.db, before, BATCH);
    total += deleted;
  } while (deleted === BATCH);
  return total;
}

/** Sweeps now and then every CONTACT_SWEEP_MS; the returned stop waits for a sweep in progress. */
export function startAnonymousContactRetention(core: Core, retentionDays: number, onError: (error: unknown) => void): () => Promise<void> {
  let pruning: Promise<unknown> | undefined;
  const prune = () => void (pruning ??= pruneAnonymousContacts(core, retentionDays).catch(onError).finally(() => (pruning = undefined)));
  const timer = setInterval(prune, CONTACT_SWEEP_MS);
  timer.unref();
  prune();
  return async () => {
    clearInterval(timer);
    await pruning;
  };
}
