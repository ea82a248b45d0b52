import { listConversationEventsAfter, listEventsAfter } from '../../db/repositories/events.ts';
import type { Core } from '../context.ts';
import type { StoredEvent } from '../events.ts';

/**
 * Reading the domain event log back, oldest first, for clients that resume
 * "after event N" (realtime reconnects) and for replaying deliveries.
 */

export async function getConversationEventsAfter(
  core: Core,
  organizationId: string,
  conversationId: string,
  afterEventId: number,
  limit: number,
): Promise<StoredEvent[]> {
  return listConversationEventsAfter(core.db, organizationId, conversationId, afterEventId, limit);
}

export async function getOrganizationEventsAfter(core: Core, organizationId: string, afterEventId: number, limit: number): Promise<StoredEvent[]> {
  return listEventsAfter(core.db, organizationId, afterEventId, limit);
}
