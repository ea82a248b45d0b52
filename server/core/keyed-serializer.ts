/**
 * Runs each piece of work for a key after the previous one for that key has settled, in call
 * order, in this process; work for different keys runs side by side. Idle keys leave no trace.
 */
export function createKeyedSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
