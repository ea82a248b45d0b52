import type { NewEvent, StoredEvent } from '../core/events.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Database, Executor } from './client.ts';
import { appendEvents } from './repositories/events.ts';

export type Emit = <E extends NewEvent>(event: E) => void;

/**
 * Runs one command: its writes and the events it emits commit together,
 * then the stored events go to the bus. Nothing is published for a rolled-back change.
 */
export async function runInTransaction<T>(
  db: Database,
  bus: EventBus,
  work: (tx: Executor, emit: Emit) => Promise<T>,
): Promise<T> {
  let stored: StoredEvent[] = [];
  const result = await db.transaction(async (tx) => {
    const pending: NewEvent[] = [];
    const value = await work(tx as unknown as Executor, (event) => void pending.push(event));
    stored = await appendEvents(tx as unknown as Executor, pending);
    return value;
  });
  if (stored.length > 0) bus.publish(stored);
  return result;
}
