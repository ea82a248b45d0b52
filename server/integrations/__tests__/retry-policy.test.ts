import { describe, expect, it } from 'vitest';
import { isRetryable, retryDelayMs } from '../retry-policy.ts';

describe('retry policy', () => {
  const policy = { retryBaseMs: 30_000, retryMaxMs: 900_000 };

  it('doubles from the base up to the cap, with half of each delay random', () => {
    const lowest = [1, 2, 3, 4, 5, 6, 7, 12].map((attempt) => retryDelayMs(attempt, policy, () => 0));
    const highest = [1, 2, 3, 4, 5, 6, 7, 12].map((attempt) => retryDelayMs(attempt, policy, () => 1));
    expect(highest).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    expect(lowest).toEqual(highest.map((delay) => delay / 2));
  });

  it('fits 12 to 20 attempts in the default two hours, depending on the jitter', () => {
    const count = (random: () => number) => {
      let elapsed = 0;
      let attempts = 1;
      while (elapsed + retryDelayMs(attempts, policy, random) <= 2 * 3_600_000) elapsed += retryDelayMs(attempts++, policy, random);
      return attempts;
    };
    expect(count(() => 1)).toBe(12);
    expect(count(() => 0)).toBe(20);
  });

  it('retries what may pass (no answer, 408, 429, 5xx) and not a refusal', () => {
    expect([{}, { statusCode: 408 }, { statusCode: 429 }, { statusCode: 500 }, { statusCode: 503 }].every(isRetryable)).toBe(true);
    expect([{ statusCode: 400 }, { statusCode: 401 }, { statusCode: 404 }, { statusCode: 410 }, { statusCode: 301 }].some(isRetryable)).toBe(false);
  });
});
