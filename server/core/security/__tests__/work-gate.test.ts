import { describe, expect, it } from 'vitest';
import { WorkGate } from '../work-gate.ts';

class Busy extends Error {}

/** Work that runs until the test lets it finish, and records how many ran at once. */
function tracker() {
  let inFlight = 0;
  let mostInFlight = 0;
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  const failers = new Map<number, (error: Error) => void>();
  return {
    work: (id: number) => () =>
      new Promise<number>((resolve, reject) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        started.push(id);
        const done = () => void (inFlight -= 1);
        finishers.set(id, () => (done(), resolve(id)));
        failers.set(id, (error) => (done(), reject(error)));
      }),
    finish: (id: number) => finishers.get(id)!(),
    fail: (id: number, error: Error) => failers.get(id)!(error),
    get started() {
      return [...started];
    },
    get mostInFlight() {
      return mostInFlight;
    },
  };
}

/** Lets every pending promise callback run, so admissions that can happen have happened. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WorkGate', () => {
  it('never runs more than `concurrency` pieces at once, and starts the waiting ones in arrival order', async () => {
    const gate = new WorkGate({ concurrency: 2, maxWaiting: 10 }, () => new Busy());
    const t = tracker();
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => gate.run(t.work(id)));
    await settle();
    expect(t.started).toEqual([1, 2]);

    // Finish in an order unlike the arrival order: the next waiter still starts next.
    for (const id of [2, 1, 4, 3, 6, 5, 8, 7]) {
      t.finish(id);
      await settle();
    }
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.started).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.mostInFlight).toBe(2);
  });

  it('refuses at once when `maxWaiting` callers already wait, and admits again once there is room', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaiting: 2 }, () => new Busy('busy'));
    const t = tracker();
    const admitted = [1, 2, 3].map((id) => gate.run(t.work(id)));
    // Rejected while nothing has finished: the refusal does not wait for a slot.
    await expect(gate.run(t.work(4))).rejects.toBeInstanceOf(Busy);
    expect(t.started).toEqual([1]);

    t.finish(1);
    await settle();
    expect(t.started).toEqual([1, 2]);
    const fifth = gate.run(t.work(5));
    for (const id of [2, 3, 5]) {
      await settle();
      t.finish(id);
    }
    expect(await Promise.all([...admitted, fifth])).toEqual([1, 2, 3, 5]);
    expect(t.mostInFlight).toBe(1);
  });

  it('frees the slot of work that fails', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaiting: 1 }, () => new Busy());
    const t = tracker();
    const failing = gate.run(t.work(1));
    const next = gate.run(t.work(2));
    await settle();
    t.fail(1, new Error('scrypt failed'));
    await expect(failing).rejects.toThrow('scrypt failed');
    await settle();
    expect(t.started).toEqual([1, 2]);
    t.finish(2);
    expect(await next).toBe(2);
  });

  it('applies new limits to work admitted after configure', async () => {
    const gate = new WorkGate({ concurrency: 1, maxWaiting: 0 }, () => new Busy());
    const t = tracker();
    const first = gate.run(t.work(1));
    await expect(gate.run(t.work(2))).rejects.toBeInstanceOf(Busy);
    gate.configure({ concurrency: 2, maxWaiting: 0 });
    const second = gate.run(t.work(3));
    await settle();
    expect(t.started).toEqual([1, 3]);
    t.finish(1);
    t.finish(3);
    expect(await Promise.all([first, second])).toEqual([1, 3]);
  });
});
