import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionBudget, MessageBudget } from '../action-budget.ts';

describe('per-socket action budget', () => {
  it('allows 10 start_chat a minute, refuses the 11th with rate_limited, and starts afresh in the next window', () => {
    let now = 1_000;
    const budget = new ActionBudget(() => now);
    for (let i = 0; i < 10; i++) budget.spend('start_chat');
    expect(() => budget.spend('start_chat')).toThrow(
      expect.objectContaining({ code: 'rate_limited', message: 'too many "start_chat" frames: at most 10 per minute per connection', retryAfterSeconds: 60 }),
    );
    now += 59_999;
    expect(() => budget.spend('start_chat')).toThrow(/at most 10 per minute/);
    now += 1;
    expect(() => budget.spend('start_chat')).not.toThrow();
  });

  it('counts each action on its own, and never limits actions without a budget', () => {
    const budget = new ActionBudget(() => 0);
    for (let i = 0; i < 20; i++) budget.spend('typing');
    expect(() => budget.spend('typing')).toThrow(/at most 20 per second/);
    expect(() => budget.spend('page_view')).not.toThrow();
    for (let i = 0; i < 1_000; i++) budget.spend('send_message');
  });
});

describe('message budget', () => {
  afterEach(() => void vi.useRealTimers());

  it('counts a visitor across conversations and a conversation across callers, and starts afresh a minute later', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const budget = new MessageBudget({ visitorMessagesPerMinute: 3, conversationMessagesPerMinute: 2 });
    const [visitor, first, second] = [randomUUID(), randomUUID(), randomUUID()];
    budget.spend({ contactId: visitor, conversationId: first });
    budget.spend({ contactId: visitor, conversationId: first });
    expect(() => budget.spend({ conversationId: first })).toThrow(expect.objectContaining({ code: 'rate_limited', statusCode: 429, retryAfterSeconds: 60 }));
    budget.spend({ contactId: visitor, conversationId: second });
    vi.advanceTimersByTime(20_500);
    expect(() => budget.spend({ contactId: visitor, conversationId: second })).toThrow(
      expect.objectContaining({ message: 'too many messages: at most 3 per minute per visitor', retryAfterSeconds: 40 }),
    );
    vi.advanceTimersByTime(39_500);
    expect(() => budget.spend({ contactId: visitor, conversationId: second })).not.toThrow();
  });
});
