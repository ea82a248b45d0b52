/** Named one-shot timers: starting a name again replaces its timer, so a rule never fires twice. */
export class Timers {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  start(name: string, ms: number, run: () => void): void {
    this.cancel(name);
    this.pending.set(
      name,
      setTimeout(() => {
        this.pending.delete(name);
        run();
      }, ms),
    );
  }

  cancel(name: string): void {
    clearTimeout(this.pending.get(name));
    this.pending.delete(name);
  }

  isRunning(name: string): boolean {
    return this.pending.has(name);
  }
}
