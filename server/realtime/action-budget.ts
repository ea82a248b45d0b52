import type { Config } from '../config/config.ts';
import { FrameError } from './frame-reader.ts';

/**
 * An action refused because its allowance is used up; nothing was stored. On the realtime gateway
 * it is an error frame `rate_limited` with `retryAfter`; HTTP entry points answer 429 in their own
 * error shape (http/errors.ts classifies by `statusCode`), with a Retry-After header (`withRetryAfter`).
 */
export class RateLimited extends FrameError {
  readonly statusCode = 429;

  constructor(
    message: string,
    /** Whole seconds until the allowance starts afresh. */
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

interface Allowance {
  count: number;
  perMs: number;
}

/**
 * Fixed windows by key: at most `count` uses per `perMs`, counted from the first use. Holding at
 * most `maxKeys` windows, it forgets the least recently used first, which can only forgive a key.
 */
class Windows {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {}

  /** Counts one use of `key`; answers 0 when allowed, otherwise the milliseconds until its window ends. */
  use(key: string, allowance: Allowance): number {
    const now = this.now();
    let window = this.windows.get(key);
    // Re-inserted below, so the map's order is least recently used first.
    this.windows.delete(key);
    if (!window || now - window.startedAt >= allowance.perMs) window = { startedAt: now, used: 0 };
    this.windows.set(key, window);
    if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    if (window.used >= allowance.count) return window.startedAt + allowance.perMs - now;
    window.used += 1;
    return 0;
  }
}

function refuse(waitMs: number, message: string): void {
  if (waitMs > 0) throw new RateLimited(message, Math.max(1, Math.ceil(waitMs / 1000)));
}

/**
 * How often one socket may run the actions that cost others something: a new chat lands in
 * agents' queues, a typing signal is fanned out to every agent watching, a page view is
 * stored. People stay far below these; a script looping on one socket does not. A visitor's
 * messages have their own allowance, shared by all their sockets (MessageBudget).
 */
const socketBudgets: Record<string, Allowance & { words: string }> = {
  start_chat: { count: 10, perMs: 60_000, words: '10 per minute' },
  typing: { count: 20, perMs: 1_000, words: '20 per second' },
  page_view: { count: 60, perMs: 60_000, words: '60 per minute' },
};

/** The windows of every socket's and HTTP request's visitor messages in this process (so the limits are per node). */
const MESSAGE_WINDOWS_MAX = 100_000;
const messageWindows = new Windows(MESSAGE_WINDOWS_MAX, () => Date.now());

export type MessageLimits = Pick<Config, 'visitorMessagesPerMinute' | 'conversationMessagesPerMinute'>;

/**
 * A visitor's messages per minute, wherever they come from (every socket, the widget's HTTP
 * endpoints), and a conversation's visitor messages per minute (also the only limit of callers
 * that are not one visitor, such as SnapEngage's server-to-server Visitor Chat API). Counted in
 * this process's memory: cheap on the hot path, and per node.
 */
export class MessageBudget {
  constructor(private readonly limits: MessageLimits) {}

  /** Counts one message of `contactId` (when known) in `conversationId` (when it exists yet); throws RateLimited over either allowance. */
  spend(who: { contactId?: string; conversationId?: string }): void {
    const { visitorMessagesPerMinute, conversationMessagesPerMinute } = this.limits;
    if (who.contactId) {
      const wait = messageWindows.use(`visitor:${who.contactId}`, { count: visitorMessagesPerMinute, perMs: 60_000 });
      refuse(wait, `too many messages: at most ${visitorMessagesPerMinute} per minute per visitor`);
    }
    if (who.conversationId) {
      const wait = messageWindows.use(`conversation:${who.conversationId}`, { count: conversationMessagesPerMinute, perMs: 60_000 });
      refuse(wait, `too many messages: at most ${conversationMessagesPerMinute} per minute in one conversation`);
    }
  }
}

/** One socket's allowances; created with the connection, gone with it. */
export class ActionBudget {
  private readonly windows: Windows;

  constructor(now: () => number = Date.now) {
    this.windows = new Windows(Object.keys(socketBudgets).length, now);
  }

  /** Throws `rate_limited` when this socket has used up the action's allowance for the current window. */
  spend(action: string): void {
    const budget = socketBudgets[action];
    if (!budget) return;
    refuse(this.windows.use(action, budget), `too many "${action}" frames: at most ${budget.words} per connection`);
  }
}

/** For HTTP entry points: the 429 their error handler renders from a RateLimited carries Retry-After. */
export function withRetryAfter(reply: { header(name: string, value: string): unknown }, spend: () => void): void {
  try {
    spend();
  } catch (error) {
    if (error instanceof RateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}
