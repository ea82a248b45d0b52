import { describe, expect, it } from 'vitest';
import { createKeyedSerializer } from '../keyed-serializer.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createKeyedSerializer', () => {
  it('runs one key’s work in call order, one at a time, even when the first is the slowest and fails', async () => {
    const inTurn = createKeyedSerializer();
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name} start`);
      await later(ms);
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([inTurn('a', step('a1', 30, true)), inTurn('a', step('a2', 1)), inTurn('b', step('b1', 1))]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a1', 'a2', 'b1']);
    // b ran beside a1; a2 waited for a1 although a1 failed.
    expect(log).toEqual(['a1 start', 'b1 start', 'b1 end', 'a1 end', 'a2 start', 'a2 end']);
  });
});
