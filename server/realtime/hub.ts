import type { StoredEvent } from '../core/events.ts';
import type { EphemeralEvent } from '../events/event-bus.ts';
import type { Connection } from './connection.ts';
import { routingKeyOf, routingKeysOfEvent, type Subscription } from './subscriptions.ts';

/**
 * Fan-out on one node: the sockets indexed by routing key (conversation,
 * organization queue, agent), so an event costs a few map lookups plus the
 * sockets that actually want it, however many are connected.
 */
export class Hub {
  private readonly byRoutingKey = new Map<string, Set<Connection>>();

  /** Registers a subscription; false when the socket already had it. */
  subscribe(connection: Connection, sub: Subscription): boolean {
    if (!connection.identity || !connection.addSubscription(sub)) return false;
    const key = routingKeyOf(sub, connection.identity);
    let sockets = this.byRoutingKey.get(key);
    if (!sockets) this.byRoutingKey.set(key, (sockets = new Set()));
    sockets.add(connection);
    return true;
  }

  /** False when the socket had no such subscription. */
  unsubscribe(connection: Connection, sub: Subscription): boolean {
    const identity = connection.identity;
    if (!identity || !connection.removeSubscription(sub)) return false;
    const key = routingKeyOf(sub, identity);
    // Two queue subscriptions (two widgets) share one key: keep it while either remains.
    if (!connection.subscriptions().some((other) => routingKeyOf(other, identity) === key)) this.unindex(key, connection);
    return true;
  }

  /** A closed socket leaves every index. */
  remove(connection: Connection): void {
    const identity = connection.identity;
    if (!identity) return;
    for (const sub of connection.subscriptions()) {
      connection.removeSubscription(sub);
      this.unindex(routingKeyOf(sub, identity), connection);
    }
  }

  routeEvent(event: StoredEvent): void {
    // A socket reached through several keys (queue and conversation) still gets the event once.
    const recipients = new Set<Connection>();
    for (const key of routingKeysOfEvent(event)) {
      for (const connection of this.byRoutingKey.get(key) ?? []) recipients.add(connection);
    }
    for (const connection of recipients) connection.deliver(event);
  }

  routeSignal(signal: EphemeralEvent): void {
    for (const connection of this.byRoutingKey.get(`conversation:${signal.conversationId}`) ?? []) connection.deliverSignal(signal);
  }

  /** How many routing keys are in use (tests check that closed sockets leave nothing behind). */
  get size(): number {
    return this.byRoutingKey.size;
  }

  private unindex(key: string, connection: Connection): void {
    const sockets = this.byRoutingKey.get(key);
    sockets?.delete(connection);
    if (sockets?.size === 0) this.byRoutingKey.delete(key);
  }
}
