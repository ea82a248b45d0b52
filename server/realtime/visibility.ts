import type { EventMap, EventType, StoredEvent } from '../core/events.ts';
import type { EphemeralEvent } from '../events/event-bus.ts';
import type { Identity } from './identity.ts';
import type { EventFrame, SignalFrame } from '../../protocol/realtime.ts';

/**
 * What each side may see. Agents see every event of their organization as
 * stored. Visitors see an allow-list, each entry reduced to what the widget
 * needs: anything not listed here (labels, bans, transfers and their targets,
 * page views, contact changes, agent status) never reaches a visitor, and a new
 * event type stays agent-only until someone decides otherwise here.
 */
type VisitorView<T extends EventType> = (payload: EventMap[T]) => Record<string, unknown> | null;

const visitorViews: { [T in EventType]?: VisitorView<T> } = {
  'conversation.started': ({ conversationId, widgetId, number, source }) => ({ conversationId, widgetId, number, source }),
  'conversation.queued': ({ conversationId }) => ({ conversationId }),
  'conversation.assigned': ({ conversationId, assignee }) => ({ conversationId, assignee }),
  'conversation.closed': ({ conversationId, closedBy, durationSeconds }) => ({ conversationId, closedBy, durationSeconds }),
  'conversation.rated': ({ conversationId, rating, comment }) => ({ conversationId, rating, comment }),
  // Internal notes are stored as message.created too: the one place they are filtered out.
  'message.created': ({ message }) => (message.private ? null : { message }),
  'messages.delivered': ({ conversationId, recipient, upToSeq }) => ({ conversationId, recipient, upToSeq }),
  'messages.read': ({ conversationId, reader, upToSeq }) => ({ conversationId, reader, upToSeq }),
};

export const VISITOR_EVENT_TYPES = Object.keys(visitorViews) as EventType[];

/** The frame this identity receives for an event, or null when it must not see it. */
export function presentEvent(identity: Identity, event: StoredEvent): EventFrame | null {
  if (event.organizationId !== identity.organizationId) return null;
  const common = {
    type: 'event' as const,
    eventId: event.id,
    name: event.type,
    occurredAt: event.occurredAt.toISOString(),
    ...(event.conversationId && { conversationId: event.conversationId }),
  };
  if (identity.role === 'agent') {
    return { ...common, ...(event.widgetId && { widgetId: event.widgetId }), ...(event.userId && { userId: event.userId }), data: event.payload };
  }
  const view = visitorViews[event.type] as VisitorView<EventType> | undefined;
  const data = view?.(event.payload);
  return data ? { ...common, data } : null;
}

/** Typing goes to the other side only: a visitor's preview to agents, an agent's typing to the visitor and fellow agents. */
export function presentSignal(identity: Identity, signal: EphemeralEvent): SignalFrame | null {
  if (signal.organizationId !== identity.organizationId) return null;
  const frame = { type: 'signal' as const, name: signal.type, conversationId: signal.conversationId };
  if (signal.type === 'visitor.typing') {
    return identity.role === 'agent' ? { ...frame, data: signal.payload } : null;
  }
  if (identity.role === 'agent') return identity.user.id === signal.payload.userId ? null : { ...frame, data: signal.payload };
  return { ...frame, data: { conversationId: signal.conversationId, isTyping: signal.payload.isTyping } };
}
