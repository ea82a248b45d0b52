import type { MessageContent } from '../db/schema/index.ts';

/**
 * System messages that clients may render in their own way, marked by `content.event`.
 * The message body always holds the readable text too, for clients that know no marks.
 */

/** "Sorry for the wait": posted while a visitor waits for an agent. */
export const WAIT_TIME_NOTICE = 'wait_time';

export interface WaitTimeNoticeData {
  /** How long the visitor had waited when the notice was posted. */
  waitSeconds: number;
}

/** The `event` to pass to `postSystemMessage` with the notice's text. */
export function waitTimeNotice(waitSeconds: number): NonNullable<MessageContent['event']> {
  return { name: WAIT_TIME_NOTICE, data: { waitSeconds } satisfies WaitTimeNoticeData };
}

export function readWaitTimeNotice(content: Record<string, unknown> | null): WaitTimeNoticeData | undefined {
  const event = (content as MessageContent | null)?.event;
  const waitSeconds = event?.name === WAIT_TIME_NOTICE ? event.data?.waitSeconds : undefined;
  return typeof waitSeconds === 'number' ? { waitSeconds } : undefined;
}
