import type { EphemeralEventMap, StoredEvent } from '../core/events.ts';

export type EventHandler = (event: StoredEvent) => void | Promise<void>;

/** A signal that matters only while it happens (typing, live previews): routed like an event of its conversation, never stored. */
export type EphemeralEvent = {
  [T in keyof EphemeralEventMap]: { type: T; organizationId: string; conversationId: string; payload: EphemeralEventMap[T] };
}[keyof EphemeralEventMap];

export type EphemeralHandler = (event: EphemeralEvent) => void;

/**
 * Fan-out of committed events to in-process subscribers (realtime, webhooks…).
 * One node uses the in-memory bus below; a multi-node bus (PostgreSQL
 * LISTEN/NOTIFY or Redis) implements the same interface.
 *
 * The ephemeral channel carries signals that were never stored: nothing can
 * replay them, so a subscriber that is not listening at that moment misses them.
 */
export interface EventBus {
  publish(events: readonly StoredEvent[]): void;
  subscribe(handler: EventHandler): () => void;
  publishEphemeral(event: EphemeralEvent): void;
  subscribeEphemeral(handler: EphemeralHandler): () => void;
}

export function createInProcessEventBus(onHandlerError: (error: unknown) => void): EventBus {
  const handlers = new Set<EventHandler>();
  const ephemeralHandlers = new Set<EphemeralHandler>();
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
    publishEphemeral(event) {
      for (const handler of ephemeralHandlers) {
        // Same isolation as stored events; a typing signal is not worth a failed request either.
        Promise.resolve()
          .then(() => handler(event))
          .catch(onHandlerError);
      }
    },
    subscribeEphemeral(handler) {
      ephemeralHandlers.add(handler);
      return () => ephemeralHandlers.delete(handler);
    },
  };
}
