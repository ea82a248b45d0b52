import { listConversationEvents, listEventsOfConversations } from '../../db/repositories/events.ts';
import type { Core } from '../context.ts';
import type { EventMap, StoredEvent } from '../events.ts';
import type { Assignee } from '../types.ts';

const ASSIGNMENT_EVENTS = ['conversation.assigned', 'conversation.queued'] as const;

/** Replays a conversation's assignment events (oldest first) up to an event: who had it then. */
function replayAssignee(history: readonly StoredEvent[], eventId: number): Assignee | null {
  let assignee: Assignee | null = null;
  for (const event of history) {
    if (event.id > eventId) break;
    assignee = event.type === 'conversation.assigned' ? (event.payload as EventMap['conversation.assigned']).assignee : null;
  }
  return assignee;
}

/**
 * Who had a conversation when a given event happened, replayed from its assignment events.
 * Webhook payloads are built after the fact, when the conversation may have moved on.
 */
export async function getAssigneeAt(core: Core, organizationId: string, conversationId: string, eventId: number): Promise<Assignee | null> {
  return replayAssignee(await listConversationEvents(core.db, organizationId, conversationId, ASSIGNMENT_EVENTS), eventId);
}

/**
 * getAssigneeAt for a batch of conversation events with one query, keyed by event id: readers of
 * the outbox ask this for every visitor message, and one query per message would compete with
 * the chats themselves for database connections.
 */
export async function getAssigneesAt(core: Core, events: ReadonlyArray<StoredEvent & { conversationId: string }>): Promise<Map<number, Assignee | null>> {
  if (events.length === 0) return new Map();
  const history = await listEventsOfConversations(
    core.db,
    { organizationIds: [...new Set(events.map((e) => e.organizationId))], conversationIds: [...new Set(events.map((e) => e.conversationId))] },
    ASSIGNMENT_EVENTS,
    Math.max(...events.map((e) => e.id)),
  );
  const byConversation = new Map<string, StoredEvent[]>();
  for (const event of history) {
    const list = byConversation.get(event.conversationId!);
    if (list) list.push(event);
    else byConversation.set(event.conversationId!, [event]);
  }
  return new Map(events.map((event) => [event.id, replayAssignee(byConversation.get(event.conversationId) ?? [], event.id)]));
}
