/**
 * Runs one socket's frames one at a time, in the order they arrived. Two quick
 * `send_message` frames are therefore stored in the order they were typed, and
 * a subscribe's replay never interleaves with another frame's answer.
 */
export class FrameQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** False (and nothing queued) when `limit` frames are already waiting: the client is flooding. */
  push(work: () => Promise<void>): boolean {
    if (this.pending >= this.limit) return false;
    this.pending += 1;
    this.tail = this.tail
      .then(work)
      .catch(this.onError)
      .finally(() => void (this.pending -= 1));
    return true;
  }
}
