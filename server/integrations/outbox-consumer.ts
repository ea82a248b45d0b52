import type { Core } from '../core/context.ts';
import { createOutboxReader, type OutboxPage } from './outbox-reader.ts';

export interface OutboxConsumer {
  /** Handles what has been committed so far (tests). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export interface OutboxConsumerOptions {
  /** The reader's name: its cursor in `outbox_cursors`, so a restart resumes where it stopped. */
  name: string;
  pageSize: number;
  /** How often to look even when the bus is quiet (events of other processes, missed wakes). */
  pollMs: number;
  /** On the very first start, begin with what happens next instead of the whole history. */
  startAtEnd?: boolean;
  /** Works through one page; the page counts as done once this returns. */
  handlePage(page: OutboxPage): Promise<void>;
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

  async function pass(): Promise<number> {
    const page = await reader.next();
    await options.handlePage(page);
    await reader.commit(page);
    return page.events.length;
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
          while (!stopped && (await pass()) > 0);
        } catch (error) {
          options.onError(error);
        }
      } while (again && !stopped);
    })().finally(() => (running = undefined));
    return running;
  }

  const unsubscribe = core.bus.subscribe(() => void run());
  const timer = setInterval(() => void run(), options.pollMs);
  timer.unref();
  void run();
  return {
    drained: () => run(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
      await reader.save();
    },
  };
}
