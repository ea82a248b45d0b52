import { closeConversation } from '../core/commands/close-conversation.ts';
import { postSystemMessage } from '../core/commands/post-message.ts';
import type { Core } from '../core/context.ts';
import { waitTimeNotice } from '../core/system-notices.ts';
import { listInactiveConversations } from '../db/repositories/conversations.ts';

export interface TimerSettings {
  /** An open chat with no message for this long is closed as timed out. */
  idleTimeoutMs: number;
  /** A waiting visitor gets a wait notice this often… */
  queueNoticeIntervalMs: number;
  /** …until this long after the chat started, when it is closed as no_agents_found. */
  queueTimeoutMs: number;
}

const BATCH = 200;
const WAIT_NOTICE = 'Sorry for the delay. We are working on getting to you as quickly as possible.';

/**
 * One pass of the conversation clocks. Safe to run on several nodes at once: each
 * change goes through a command that locks the conversation and re-checks its state.
 */
export async function sweepConversations(core: Core, settings: TimerSettings, now = new Date()): Promise<{ closed: number; noticed: number }> {
  let closed = 0;
  let noticed = 0;
  for (const row of await listInactiveConversations(core.db, 'open', new Date(now.getTime() - settings.idleTimeoutMs), BATCH)) {
    await closeConversation(core, row.organizationId, row.id, 'timed_out');
    closed += 1;
  }
  for (const row of await listInactiveConversations(core.db, 'queued', new Date(now.getTime() - settings.queueNoticeIntervalMs), BATCH)) {
    if (now.getTime() - row.createdAt.getTime() >= settings.queueTimeoutMs) {
      await closeConversation(core, row.organizationId, row.id, 'no_agents_found');
      closed += 1;
    } else {
      const waitSeconds = Math.round((now.getTime() - row.createdAt.getTime()) / 1000);
      await postSystemMessage(core, row.organizationId, row.id, WAIT_NOTICE, waitTimeNotice(waitSeconds));
      noticed += 1;
    }
  }
  return { closed, noticed };
}

/** Runs the sweep every `everyMs` until stopped; a failing pass is reported and the next one still runs. */
export function startConversationTimers(core: Core, settings: TimerSettings, everyMs: number, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepConversations(core, settings)
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
