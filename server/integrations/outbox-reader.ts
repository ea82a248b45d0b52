import type { Core } from '../core/context.ts';
import type { StoredEvent } from '../core/events.ts';
import type { Executor } from '../db/client.ts';
import { initCursor, lockCursor, readCursor, readEventsAfter, saveCursor, transactionHorizon } from '../db/repositories/outbox.ts';

/** A page with nothing to write moves the stored cursor at most this often (re-reading it after a crash is harmless). */
const IDLE_SAVE_MS = 1_000;

export interface OutboxPage {
  /** The position the page was read after. */
  after: number;
  /** Events safe to hand on, in id order, with no unsettled gap before any of them. */
  events: StoredEvent[];
}

export interface OutboxReader {
  next(): Promise<OutboxPage>;
  /**
   * Moves past the page. With `write`, it runs in the same transaction as the cursor update,
   * so the page's effects and the new position commit together; returns false (writing
   * nothing, and starting again from the stored position) when another process moved the
   * cursor first. Without, the position moves in memory and is stored now and then.
   */
  commit(page: OutboxPage, write?: (tx: Executor) => Promise<void>): Promise<boolean>;
  /** Stores the position if it moved since it was last stored (on shutdown, so a restart does not read those pages again). */
  save(): Promise<void>;
}

/**
 * Reads the `domain_events` outbox for one named consumer, in event id order, without ever
 * stepping over an event that has yet to commit.
 *
 * Ids are drawn when a transaction inserts its event, but transactions commit in any order,
 * so after reading 7 and 9 the 8 may still be on its way, or it was rolled back and never
 * comes. A gap is only stepped over once it is settled: the missing id was drawn before a
 * read that saw a later id, by a transaction that had started by then (its id below that
 * read's `xmax`); once the oldest running transaction (`xmin`) is past that `xmax`, that
 * transaction has ended and whatever it committed is visible. Until then the page stops at
 * the gap. On PGlite (one connection, no concurrent transactions) a gap settles on the next read.
 *
 * A reader seen for the first time starts at the beginning of the log, or with `startAtEnd` at
 * its end: then it handles only what happens from its first read on, not the history.
 */
export function createOutboxReader(core: Core, name: string, pageSize: number, options: { startAtEnd?: boolean } = {}): OutboxReader {
  /** What the previous read saw when it met a gap: the highest id, and the transaction horizon just after it. */
  let previous: { maxId: number; xmax: bigint } | undefined;
  /** Where this reader is, and what the database holds (they differ between idle saves). */
  let position: { current: number; stored: number; savedAt: number } | undefined;

  async function load() {
    await initCursor(core.db, name, options.startAtEnd === true);
    const stored = await readCursor(core.db, name);
    return { current: stored, stored, savedAt: Date.now() };
  }

  return {
    async next() {
      position ??= await load();
      const after = position.current;
      const events = await readEventsAfter(core.db, after, pageSize);
      if (events.length === 0 || events.at(-1)!.id - after === events.length) {
        previous = undefined;
        return { after, events };
      }
      const horizon = await transactionHorizon(core.db);
      const settledUpTo = previous && horizon.xmin >= previous.xmax ? previous.maxId : after;
      previous = { maxId: events.at(-1)!.id, xmax: horizon.xmax };
      return { after, events: contiguous(after, events, settledUpTo) };
    },
    async commit(page, write) {
      const last = page.events.at(-1);
      if (!last || !position || page.after !== position.current) return true;
      const at = position;
      if (!write && Date.now() - at.savedAt < IDLE_SAVE_MS) {
        at.current = last.id;
        return true;
      }
      const moved = await core.db.transaction(async (tx) => {
        if ((await lockCursor(tx, name)) !== at.stored) return false;
        await write?.(tx);
        await saveCursor(tx, name, last.id);
        return true;
      });
      position = moved ? { current: last.id, stored: last.id, savedAt: Date.now() } : undefined;
      return moved;
    },
    async save() {
      const at = position;
      if (!at || at.current === at.stored) return;
      await core.db.transaction(async (tx) => {
        if ((await lockCursor(tx, name)) === at.stored) await saveCursor(tx, name, at.current);
      });
      position = undefined;
    },
  };
}

/** The leading events with no gap, except gaps below `settledUpTo` (known never to fill). */
function contiguous(after: number, events: readonly StoredEvent[], settledUpTo: number): StoredEvent[] {
  const ready: StoredEvent[] = [];
  let expected = after + 1;
  for (const event of events) {
    if (event.id !== expected && event.id - 1 > settledUpTo) break;
    ready.push(event);
    expected = event.id + 1;
  }
  return ready;
}
