export interface WorkGateLimits {
  /** Pieces of work running at once. */
  concurrency: number;
  /** Callers that may wait for a turn; the next one is refused at once. */
  maxWaiting: number;
}

/**
 * Lets at most `concurrency` pieces of work run at once and at most `maxWaiting` wait, in
 * arrival order. Beyond that `run` throws `refusal()` without waiting: under a flood a caller
 * gets a quick "busy" instead of a place at the end of an ever longer queue.
 */
export class WorkGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private limits: WorkGateLimits,
    private readonly refusal: () => Error,
  ) {}

  /** New limits apply to work admitted from now on; work already running or waiting keeps its place. */
  configure(limits: WorkGateLimits): void {
    this.limits = limits;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
    } else {
      if (this.waiting.length >= this.limits.maxWaiting) throw this.refusal();
      // The finishing work hands its slot over directly, so `running` already counts us.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
