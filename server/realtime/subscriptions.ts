import type { StoredEvent } from '../core/events.ts';
import type { Identity } from './identity.ts';

/**
 * What a socket listens to, and which events each subscription matches.
 *
 * Routing keys let the hub find the sockets for an event without scanning them
 * all: an event has a few keys (its conversation, its organization's queue, the
 * agents it concerns) and each subscription registers under exactly one.
 */
export type Subscription =
  | { topic: 'conversation'; conversationId: string }
  /** `widgetId: null` = every widget of the organization. */
  | { topic: 'queue'; widgetId: string | null }
  | { topic: 'agent' };

/** Identifies a subscription within one socket: subscribing twice to the same thing is one subscription. */
export function subscriptionKey(sub: Subscription): string {
  if (sub.topic === 'conversation') return `conversation:${sub.conversationId}`;
  if (sub.topic === 'queue') return `queue:${sub.widgetId ?? '*'}`;
  return 'agent';
}

export function routingKeyOf(sub: Subscription, identity: Identity): string {
  if (sub.topic === 'conversation') return `conversation:${sub.conversationId}`;
  if (sub.topic === 'queue') return `queue:${identity.organizationId}`;
  return `agent:${identity.role === 'agent' ? identity.user.id : ''}`;
}

const isQueueEvent = (event: StoredEvent) => event.type.startsWith('conversation.');

export function routingKeysOfEvent(event: StoredEvent): string[] {
  const keys = usersConcernedBy(event).map((userId) => `agent:${userId}`);
  if (event.conversationId) keys.push(`conversation:${event.conversationId}`);
  if (isQueueEvent(event)) keys.push(`queue:${event.organizationId}`);
  return keys;
}

export function matches(sub: Subscription, identity: Identity, event: StoredEvent): boolean {
  // Routing keys already imply it; checked again so a key collision could never cross tenants.
  if (event.organizationId !== identity.organizationId) return false;
  if (sub.topic === 'conversation') return event.conversationId === sub.conversationId;
  if (identity.role !== 'agent') return false;
  if (sub.topic === 'agent') return usersConcernedBy(event).includes(identity.user.id);
  if (!isQueueEvent(event)) return false;
  return sub.widgetId === null || widgetsOf(event).includes(sub.widgetId);
}

/**
 * The agents an event is about: the user it names (assigned to, status of,
 * account of) and both ends of a transfer, so the agent a chat was taken from
 * learns it too.
 */
function usersConcernedBy(event: StoredEvent): string[] {
  const users = event.userId ? [event.userId] : [];
  if (event.type === 'conversation.transferred') {
    const { from, target } = (event as StoredEvent<'conversation.transferred'>).payload;
    if (from?.type === 'user') users.push(from.id);
    if (target.kind === 'agent') users.push(target.userId);
  }
  return [...new Set(users)];
}

/** A transfer leaves one widget's queue for another's: both queues hear of it. */
function widgetsOf(event: StoredEvent): string[] {
  if (event.type === 'conversation.transferred') {
    const { fromWidgetId, toWidgetId } = (event as StoredEvent<'conversation.transferred'>).payload;
    return [fromWidgetId, toWidgetId];
  }
  return event.widgetId ? [event.widgetId] : [];
}
