import { RequestError, type AckFrame, type ConnectionState, type EventFrame, type ReadyFrame, type ServerFrame, type SignalFrame } from './protocol.ts';

/** Close codes after which reconnecting cannot help (docs/realtime.md): a malformed frame, an unknown widget. */
const FATAL_CLOSE_CODES = new Set([4400, 4401]);
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_BACKOFF_MS = 15_000;

export interface RealtimeHandlers {
  /** After every (re)authentication: the place to (re)subscribe. */
  ready(frame: ReadyFrame): void;
  event(frame: EventFrame): void;
  signal(frame: SignalFrame): void;
  state(state: ConnectionState): void;
}

type Frame = Record<string, unknown> & { type: string };

interface Pending {
  resolve(ack: AckFrame): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The visitor's socket: authenticates, answers each request with its ack (matched by requestId),
 * and reconnects with backoff when the connection drops. Requests made while it is down wait
 * for the next authentication; requests in flight when it drops fail, so nothing is sent twice.
 */
export class RealtimeClient {
  private socket: WebSocket | undefined;
  private authenticated = false;
  private attempts = 0;
  private nextRequestId = 0;
  private stopped = false;
  private readonly pending = new Map<string, Pending>();
  /** Requests made before authentication: sent once it succeeds, refused if it never will. */
  private readonly waiting: Array<{ send(): void; reject(error: Error): void }> = [];
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private readonly authFrame: () => Frame,
    private readonly on: RealtimeHandlers,
  ) {}

  /** Opens the socket once; later calls do nothing while it is open or reconnecting. */
  connect(): void {
    if (this.socket || this.retryTimer || this.stopped) return;
    this.on.state(this.attempts === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify(this.authFrame()));
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerFrame);
    socket.onclose = (close) => this.dropped(close.code);
  }

  /** Sends an action and resolves with its ack; rejects with the gateway's error. */
  request(frame: Frame): Promise<AckFrame> {
    if (this.stopped) return Promise.reject(new RequestError('closed', 'the server refused the connection'));
    this.connect();
    return new Promise((resolve, reject) => {
      const send = () => {
        const requestId = `w${++this.nextRequestId}`;
        const timer = setTimeout(() => this.settle(requestId, new RequestError('timeout', 'no answer from the server')), REQUEST_TIMEOUT_MS);
        this.pending.set(requestId, { resolve, reject, timer });
        this.socket!.send(JSON.stringify({ ...frame, requestId }));
      };
      if (this.authenticated) send();
      else this.waiting.push({ send, reject });
    });
  }

  /** Fire and forget (typing signals): dropped while disconnected, which is what a signal should do. */
  notify(frame: Frame): void {
    if (this.authenticated) this.socket!.send(JSON.stringify(frame));
  }

  get isReady(): boolean {
    return this.authenticated;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.refuseWaiting();
    this.socket?.close(1000);
  }

  private refuseWaiting(): void {
    this.waiting.splice(0).forEach((request) => request.reject(new RequestError('closed', 'the connection is closed')));
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready':
        this.authenticated = true;
        this.attempts = 0;
        this.on.state('ready');
        this.on.ready(frame);
        this.waiting.splice(0).forEach((request) => request.send());
        return;
      case 'ack':
        if (frame.requestId) this.settle(frame.requestId, frame);
        return;
      case 'error':
        if (frame.requestId) this.settle(frame.requestId, new RequestError(frame.code, frame.message, frame.field));
        return;
      case 'event':
        return this.on.event(frame);
      case 'signal':
        return this.on.signal(frame);
    }
  }

  private settle(requestId: string, outcome: AckFrame | Error): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }

  private dropped(code: number): void {
    this.socket = undefined;
    this.authenticated = false;
    for (const id of [...this.pending.keys()]) this.settle(id, new RequestError('disconnected', 'the connection dropped'));
    if (this.stopped) return;
    if (FATAL_CLOSE_CODES.has(code)) {
      this.stopped = true;
      this.refuseWaiting();
      this.on.state('failed');
      return;
    }
    this.on.state('reconnecting');
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++) * (0.75 + Math.random() * 0.5);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
  }
}
