import type { StoredEvent } from '../core/events.ts';

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

/**
 * Fan-out of committed events to in-process subscribers (realtime, webhooks…).
 * One node uses the in-memory bus below; a multi-node bus (PostgreSQL
 * LISTEN/NOTIFY or Redis) implements the same interface.
 */
export interface EventBus {
  publish(events: readonly StoredEvent[]): void;
  subscribe(handler: EventHandler): () => void;
}

export function createInProcessEventBus(onHandlerError: (error: unknown) => void): EventBus {
  const handlers = new Set<EventHandler>();
  return {
    publish(events) {
      for (const event of events) {
        for (const handler of handlers) {
          // A failing subscriber must neither block the others nor the committing request.
          Promise.resolve()
            .then(() => handler(event))
            .catch(onHandlerError);
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
