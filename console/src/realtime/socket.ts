import type { EventFrame, SignalFrame } from '../api/types.ts';

/** An `error` frame answering one of our actions, in the server's words. */
export class RealtimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RealtimeError';
  }
}

export type ConnectionState = 'connecting' | 'online' | 'offline';
export type Subscription = { topic: 'queue' | 'agent' } | { topic: 'conversation'; conversationId: string };
type Ack = Record<string, unknown> & { type: 'ack' };
type Pending = { resolve: (ack: Ack) => void; reject: (error: Error) => void };

const keyOf = (s: Subscription) => (s.topic === 'conversation' ? `conversation:${s.conversationId}` : s.topic);
const MAX_BACKOFF_MS = 15_000;

/**
 * The console's one WebSocket (docs/realtime.md): agent auth with the session cookie,
 * actions answered by ack or error, and subscriptions that survive reconnects. After a
 * drop, conversation topics resume with `afterEventId` (no gaps, no duplicates); the
 * org-wide topics cannot be replayed exactly, so listeners are told to reload instead.
 */
export class RealtimeClient {
  private socket: WebSocket | undefined;
  private nextRequestId = 1;
  private pending = new Map<string, Pending>();
  private subscriptions = new Map<string, { subscription: Subscription; lastEventId: number }>();
  private backoff = 1000;
  private stopped = false;
  private eventListeners = new Set<(event: EventFrame) => void>();
  private signalListeners = new Set<(signal: SignalFrame) => void>();
  private stateListeners = new Set<(state: ConnectionState, resumed: boolean) => void>();
  private connectedOnce = false;
  state: ConnectionState = 'connecting';

  constructor(
    private readonly url: string,
    /** Called when the server refuses our session (close 4401): the agent must sign in again. */
    private readonly onSessionEnded: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close(1000, 'signed out');
  }

  onEvent(listener: (event: EventFrame) => void) {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  onSignal(listener: (signal: SignalFrame) => void) {
    this.signalListeners.add(listener);
    return () => void this.signalListeners.delete(listener);
  }

  /** `resumed` is true when a dropped connection came back: lists should be reloaded. */
  onState(listener: (state: ConnectionState, resumed: boolean) => void) {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  /** Sends an action and resolves with its ack; rejects with the server's error. */
  request<T = Ack>(frame: Record<string, unknown> & { type: string }): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.state !== 'online') {
      return Promise.reject(new RealtimeError('offline', 'Not connected to the server; reconnecting. Try again in a moment.'));
    }
    const requestId = String(this.nextRequestId++);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (ack: Ack) => void, reject });
      socket.send(JSON.stringify({ ...frame, requestId }));
    });
  }

  /** Fire and forget (typing): no answer is awaited. */
  send(frame: Record<string, unknown> & { type: string }): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.state === 'online') this.socket.send(JSON.stringify(frame));
  }

  /** Subscribes now (when connected) and again after every reconnect. Resolves once the server acknowledged. */
  async subscribe(subscription: Subscription): Promise<void> {
    const key = keyOf(subscription);
    if (!this.subscriptions.has(key)) this.subscriptions.set(key, { subscription, lastEventId: 0 });
    if (this.state === 'online') await this.request({ type: 'subscribe', ...subscription });
  }

  unsubscribe(subscription: Subscription): void {
    if (!this.subscriptions.delete(keyOf(subscription))) return;
    if (this.state === 'online') this.request({ type: 'unsubscribe', ...subscription }).catch(() => {});
  }

  private open(): void {
    this.setState('connecting', false);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', role: 'agent', requestId: 'auth' }));
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as Record<string, unknown>);
    socket.onclose = (close) => this.closed(socket, close.code);
  }

  private receive(frame: Record<string, unknown>): void {
    switch (frame.type) {
      case 'ready':
        void this.ready();
        return;
      case 'event': {
        const event = frame as unknown as EventFrame;
        const tracked = event.conversationId && this.subscriptions.get(`conversation:${event.conversationId}`);
        if (tracked) tracked.lastEventId = Math.max(tracked.lastEventId, event.eventId);
        for (const listener of this.eventListeners) listener(event);
        return;
      }
      case 'signal':
        for (const listener of this.signalListeners) listener(frame as unknown as SignalFrame);
        return;
      case 'ack':
      case 'error':
        this.settle(frame);
    }
  }

  private settle(frame: Record<string, unknown>): void {
    const pending = typeof frame.requestId === 'string' ? this.pending.get(frame.requestId) : undefined;
    if (!pending) return;
    this.pending.delete(frame.requestId as string);
    if (frame.type === 'ack') pending.resolve(frame as Ack);
    else pending.reject(new RealtimeError(String(frame.code), String(frame.message), frame.field as string | undefined));
  }

  /** Authenticated: restore every subscription, resuming conversations after the last event we applied. */
  private async ready(): Promise<void> {
    const resumed = this.connectedOnce;
    this.connectedOnce = true;
    this.backoff = 1000;
    this.state = 'online';
    await Promise.all(
      [...this.subscriptions.values()].map(({ subscription, lastEventId }) =>
        this.request({ type: 'subscribe', ...subscription, ...(resumed && subscription.topic === 'conversation' && lastEventId > 0 && { afterEventId: lastEventId }) }).catch(() => {}),
      ),
    );
    this.setState('online', resumed);
  }

  private closed(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    for (const pending of this.pending.values()) pending.reject(new RealtimeError('offline', 'The connection dropped before the server answered. Try again.'));
    this.pending.clear();
    this.setState('offline', false);
    if (code === 4401) {
      this.stopped = true;
      this.onSessionEnded();
      return;
    }
    if (this.stopped) return;
    setTimeout(() => this.open(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  private setState(state: ConnectionState, resumed: boolean): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, resumed);
  }
}

/** ws(s)://<this host>/realtime */
export const realtimeUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/realtime`;
