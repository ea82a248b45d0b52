import { Timers } from '../lib/timers.ts';

/** The visitor counts as typing until this long after the last key. */
export const TYPING_IDLE_MS = 3_000;
/** Live previews go to the agent at most this often. */
export const PREVIEW_EVERY_MS = 400;

export interface TypingSignal {
  isTyping: boolean;
  preview?: string;
}

/**
 * Turns keystrokes into typing signals for the agent: a live preview at most every
 * PREVIEW_EVERY_MS with the last one always sent (the agent must see what was finally typed),
 * and "stopped" when the field is emptied, a message is sent, or the keys rest for TYPING_IDLE_MS.
 */
export class TypingReporter {
  private lastPreviewAt = Number.NEGATIVE_INFINITY;
  private pending = '';
  private typing = false;
  private readonly timers = new Timers();

  constructor(private readonly send: (signal: TypingSignal) => void) {}

  typed(text: string): void {
    if (text === '') return this.stop();
    this.typing = true;
    this.pending = text.slice(0, 2000);
    if (!this.timers.isRunning('preview')) {
      this.timers.start('preview', Math.max(0, this.lastPreviewAt + PREVIEW_EVERY_MS - Date.now()), () => {
        this.lastPreviewAt = Date.now();
        this.send({ isTyping: true, preview: this.pending });
      });
    }
    this.timers.start('idle', TYPING_IDLE_MS, () => this.stop());
  }

  /** Says "stopped" once, if the visitor was typing. */
  stop(): void {
    if (!this.typing) return;
    this.typing = false;
    this.timers.cancel('idle');
    this.timers.cancel('preview');
    this.send({ isTyping: false });
  }
}
