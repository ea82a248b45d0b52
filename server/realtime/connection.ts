import WebSocket from 'ws';
import type { StoredEvent } from '../core/events.ts';
import type { EphemeralEvent } from '../events/event-bus.ts';
import { ActionBudget } from './action-budget.ts';
import type { ClientInfo, Identity } from './identity.ts';
import { REPLAY_LIMIT } from './replay.ts';
import type { ServerFrame } from '../../protocol/realtime.ts';
import { matches, subscriptionKey, type Subscription } from './subscriptions.ts';
import { presentEvent, presentSignal } from './visibility.ts';

/**
 * A client that reads slower than we write would grow our memory without
 * bound; past this many unsent bytes the socket is dropped and the client
 * resumes from its last eventId when it reconnects.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Replayed ids remembered to drop late live copies; one full replay's worth is enough. */
const REMEMBERED_REPLAYED_IDS = REPLAY_LIMIT;

/**
 * One socket: who it is, what it listens to, and the delivery rules that keep
 * its stream of events in order and free of duplicates across a replay.
 */
export class Connection {
  identity: Identity | null = null;
  private readonly subscriptionsByKey = new Map<string, Subscription>();
  /** Conversations already checked for this identity; ownership and organization never change, so once is enough. */
  readonly allowedConversations = new Set<string>();
  /** Per-socket allowance of the actions that cost others something. */
  readonly budget = new ActionBudget();
  /** Live events that arrived while a replay was being sent; null when not replaying. */
  private held: StoredEvent[] | null = null;
  private readonly replayedIds = new Set<number>();

  constructor(
    readonly socket: WebSocket,
    readonly client: ClientInfo,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: ServerFrame): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(code, reason);
  }

  subscriptions(): Subscription[] {
    return [...this.subscriptionsByKey.values()];
  }

  /** False when the socket already had this subscription. */
  addSubscription(sub: Subscription): boolean {
    const key = subscriptionKey(sub);
    if (this.subscriptionsByKey.has(key)) return false;
    this.subscriptionsByKey.set(key, sub);
    return true;
  }

  removeSubscription(sub: Subscription): boolean {
    return this.subscriptionsByKey.delete(subscriptionKey(sub));
  }

  /** A live event the hub routed here: sent now, held back during a replay, or dropped when no subscription wants it. */
  deliver(event: StoredEvent): void {
    if (!this.identity) return;
    if (this.held) {
      this.held.push(event);
      return;
    }
    if (this.replayedIds.has(event.id)) return;
    const identity = this.identity;
    if (!this.subscriptions().some((sub) => matches(sub, identity, event))) return;
    const frame = presentEvent(identity, event);
    if (frame) this.send(frame);
  }

  deliverSignal(signal: EphemeralEvent): void {
    if (!this.identity || !this.subscriptionsByKey.has(`conversation:${signal.conversationId}`)) return;
    const frame = presentSignal(this.identity, signal);
    if (frame) this.send(frame);
  }

  /**
   * Starts a replay: from now on live events wait, so that stored ones (read
   * from the database) go out first. Call before registering the subscription,
   * so an event committed while the replay query runs is caught one way or the other.
   */
  holdLiveEvents(): void {
    this.held ??= [];
    if (this.replayedIds.size > REMEMBERED_REPLAYED_IDS) this.replayedIds.clear();
  }

  /** One stored event of a replay; returns whether it was sent (visible to this identity). */
  sendReplayed(event: StoredEvent): boolean {
    this.replayedIds.add(event.id);
    const frame = this.identity && presentEvent(this.identity, event);
    if (frame) this.send(frame);
    return Boolean(frame);
  }

  /**
   * Ends a replay: the held live events go out in arrival order, minus those the
   * replay already sent. Compared by id, not "id <= last replayed": across
   * conversations ids can commit out of order, and such an event must not be lost.
   */
  releaseLiveEvents(): void {
    const held = this.held;
    this.held = null;
    for (const event of held ?? []) this.deliver(event);
  }
}
