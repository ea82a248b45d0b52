import { FrameError } from './frame-reader.ts';

/**
 * How often one socket may run the actions that cost others something: a new chat lands in
 * agents' queues, a typing signal is fanned out to every agent watching, a page view is
 * stored. People stay far below these; a script looping on one socket does not. Messages are
 * bounded by the frame queue instead (docs/realtime.md), so fast typists are never refused.
 */
const budgets: Record<string, { count: number; perMs: number; words: string }> = {
  start_chat: { count: 10, perMs: 60_000, words: '10 per minute' },
  typing: { count: 20, perMs: 1_000, words: '20 per second' },
  page_view: { count: 60, perMs: 60_000, words: '60 per minute' },
};

/** Fixed windows per action for one socket; created with the connection, gone with it. */
export class ActionBudget {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws `rate_limited` when this socket has used up the action's allowance for the current window. */
  spend(action: string): void {
    const budget = budgets[action];
    if (!budget) return;
    const now = this.now();
    let window = this.windows.get(action);
    if (!window || now - window.startedAt >= budget.perMs) this.windows.set(action, (window = { startedAt: now, used: 0 }));
    window.used += 1;
    if (window.used > budget.count) throw new FrameError('rate_limited', `too many "${action}" frames: at most ${budget.words} per connection`);
  }
}
