import { listConversationEvents } from '../../db/repositories/events.ts';
import type { Core } from '../context.ts';
import type { EventMap } from '../events.ts';
import type { Assignee } from '../types.ts';

/**
 * Who had a conversation when a given event happened, replayed from its assignment events.
 * Webhook payloads are built after the fact, when the conversation may have moved on.
 */
export async function getAssigneeAt(core: Core, organizationId: string, conversationId: string, eventId: number): Promise<Assignee | null> {
  const history = await listConversationEvents(core.db, organizationId, conversationId, ['conversation.assigned', 'conversation.queued']);
  let assignee: Assignee | null = null;
  for (const event of history) {
    if (event.id > eventId) break;
    assignee = event.type === 'conversation.assigned' ? (event.payload as EventMap['conversation.assigned']).assignee : null;
  }
  return assignee;
}
