import { findConversation } from '../../db/repositories/conversations.ts';
import { listConversationEvents } from '../../db/repositories/events.ts';
import type { Core } from '../context.ts';
import { displayNameOf } from '../display-name.ts';
import type { EventType, StoredEvent } from '../events.ts';
import type { Assignee, CloseReason, MessageView } from '../types.ts';

/** One step of a conversation as its visitor lived it: a message, an agent (or bot) joining, the end. */
export type TimelineEntry =
  | { kind: 'message'; message: MessageView }
  | { kind: 'assigned'; alias: string }
  | { kind: 'closed'; closedBy: CloseReason };

const TIMELINE_EVENTS: readonly EventType[] = ['message.created', 'conversation.assigned', 'conversation.closed'];

/**
 * The visitor's view of a conversation, oldest first; undefined when the organization has no such conversation.
 *
 * Read from the event log alone: event ids give messages, assignments and the close one
 * total order, and every command that adds to a conversation holds its row lock, so a
 * step committed later always sorts later. Positions in this list therefore never move,
 * which is what clients that poll "from index N" rely on. Internal notes are left out.
 */
export interface VisitorTimeline {
  conversationId: string;
  entries: TimelineEntry[];
}

export async function getVisitorTimeline(core: Core, organizationId: string, conversationId: string): Promise<VisitorTimeline | undefined> {
  const conversation = await findConversation(core.db, organizationId, conversationId);
  if (!conversation) return undefined;
  const events = await listConversationEvents(core.db, organizationId, conversation.id, TIMELINE_EVENTS);
  const aliasOf = aliasResolver(core, organizationId, conversation.widgetId);
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const entry = await toEntry(event, aliasOf);
    if (entry) entries.push(entry);
  }
  return { conversationId: conversation.id, entries };
}

async function toEntry(event: StoredEvent, aliasOf: (assignee: Assignee) => Promise<string>): Promise<TimelineEntry | undefined> {
  if (event.type === 'message.created') {
    const { message } = (event as StoredEvent<'message.created'>).payload;
    return message.private ? undefined : { kind: 'message', message };
  }
  if (event.type === 'conversation.assigned') {
    return { kind: 'assigned', alias: await aliasOf((event as StoredEvent<'conversation.assigned'>).payload.assignee) };
  }
  return { kind: 'closed', closedBy: (event as StoredEvent<'conversation.closed'>).payload.closedBy };
}

/** Display names of the conversation's widget (see `displayNameOf`), looked up once per assignee. */
function aliasResolver(core: Core, organizationId: string, widgetId: string) {
  const known = new Map<string, Promise<string>>();
  return (assignee: Assignee) => {
    const key = `${assignee.type}:${assignee.id}`;
    if (!known.has(key)) known.set(key, displayNameOf(core.db, organizationId, widgetId, assignee));
    return known.get(key)!;
  };
}
