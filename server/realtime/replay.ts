import type { Core } from '../core/context.ts';
import type { StoredEvent } from '../core/events.ts';
import { getConversationEventsAfter, getOrganizationEventsAfter } from '../core/queries/events.ts';
import type { Identity } from './identity.ts';
import { matches, type Subscription } from './subscriptions.ts';

const PAGE_SIZE = 500;
/** A client that missed more than this reloads its state over HTTP instead (the ack says `complete: false`). */
export const REPLAY_LIMIT = 5_000;
/** Queue and agent topics are read from the organization's whole log; bound how much of it one subscribe may scan. */
const SCAN_LIMIT = 50_000;

export interface ReplayOutcome {
  /** Events sent (those visible to this identity). */
  replayed: number;
  /** False when a limit stopped the replay before the end of the log. */
  complete: boolean;
}

/** Sends the stored events a subscription matches after `afterEventId`, oldest first. */
export async function replayStoredEvents(
  core: Core,
  identity: Identity,
  sub: Subscription,
  afterEventId: number,
  send: (event: StoredEvent) => boolean,
): Promise<ReplayOutcome> {
  let position = afterEventId;
  let replayed = 0;
  let scanned = 0;
  for (;;) {
    const page =
      sub.topic === 'conversation'
        ? await getConversationEventsAfter(core, identity.organizationId, sub.conversationId, position, PAGE_SIZE)
        : await getOrganizationEventsAfter(core, identity.organizationId, position, PAGE_SIZE);
    for (const event of page) {
      position = event.id;
      if (matches(sub, identity, event) && send(event)) replayed += 1;
      if (replayed >= REPLAY_LIMIT) return { replayed, complete: false };
    }
    scanned += page.length;
    if (page.length < PAGE_SIZE) return { replayed, complete: true };
    if (scanned >= SCAN_LIMIT) return { replayed, complete: false };
  }
}
