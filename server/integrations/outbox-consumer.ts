import type { Core } from '../core/context.ts';
import type { Executor } from '../db/client.ts';
import { createOutboxReader, type OutboxPage } from './outbox-reader.ts';

/**
 * How long a wake from the bus waits for more events before reading. A busy server then reads its
 * outbox in pages of a few dozen events instead of once per chat message: at 1,000 messages/s,
 * reading per message tripled the database's transactions and took CPU from the chats
 * (docs/benchmarks.md). Bots and webhooks are told up to this much later.
 */
const DEFAULT_GATHER_MS = 20;

export interface OutboxConsumer {
  /** Handles what has been committed so far, at once (tests, shutdown). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** What a page produced that must commit together with the reader's new position. */
export interface PageWrites {
  write(tx: Executor): Promise<void>;
  /** Called once the writes and the position have committed. */
  committed?(): void;
}

export interface OutboxConsumerOptions {
  /** The reader's name: its cursor in `outbox_cursors`, so a restart resumes where it stopped. */
  name: string;
  pageSize: number;
  /** How often to look even when the bus is quiet (events of other processes, missed wakes). */
  pollMs: number;
  /** Delay between a bus wake and the read it causes (default 20 ms). */
  gatherMs?: number;
  /** On the very first start, begin with what happens next instead of the whole history. */
  startAtEnd?: boolean;
  /** Works through one page; the page counts as done once this returns and its writes, if any, commit. */
  handlePage(page: OutboxPage): Promise<PageWrites | void>;
  onError(error: unknown): void;
}

/**
 * A background reader of the event outbox: wakes on the bus and on a timer, reads pages until
 * it is level with the log, and lets wakes that arrive meanwhile coalesce into one more round.
 */
export function startOutboxConsumer(core: Core, options: OutboxConsumerOptions): OutboxConsumer {
  const reader = createOutboxReader(core, options.name, options.pageSize, { startAtEnd: options.startAtEnd ?? false });
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let gathering: NodeJS.Timeout | undefined;

  /**
   * Handles one page; answers whether another may follow at once: a full page, committed. A short
   * page means the reader is level with the log or stopped at a gap, and whatever commits next
   * wakes it through the bus; a lost commit means another process moved the cursor first.
   */
  async function pass(): Promise<boolean> {
    const page = await reader.next();
    if (page.events.length === 0) return false;
    const writes = await options.handlePage(page);
    if (!(await reader.commit(page, writes ? (tx) => writes.write(tx) : undefined))) return false;
    writes?.committed?.();
    return page.events.length === options.pageSize;
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while (!stopped && (await pass()));
        } catch (error) {
          options.onError(error);
        }
      } while (again && !stopped);
    })().finally(() => (running = undefined));
    return running;
  }

  function runSoon() {
    gathering ??= setTimeout(() => {
      gathering = undefined;
      void run();
    }, options.gatherMs ?? DEFAULT_GATHER_MS);
  }

  const unsubscribe = core.bus.subscribe(runSoon);
  const timer = setInterval(() => void run(), options.pollMs);
  timer.unref();
  void run();
  return {
    drained: () => run(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(gathering);
      unsubscribe();
      await running;
      await reader.save();
    },
  };
}
