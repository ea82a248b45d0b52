import type { Assignee, CloseReason, ConversationSource, MessageView, Presence, TransferTarget } from './types.ts';

/**
 * THE event vocabulary: every state change appends one of these in the same
 * transaction as the change. Names are `<entity>.<past_verb>`.
 * Payloads hold ids and the changed values, never secrets.
 */
export interface EventMap {
  'organization.created': { organizationId: string; name: string };
  'user.created': { userId: string; email: string; role: string };
  'user.updated': { userId: string; changes: string[] };
  'user.deleted': { userId: string; email: string };
  'widget.created': { widgetId: string; name: string };
  'widget.updated': { widgetId: string; changes: string[] };
  'widget.deleted': { widgetId: string };
  'api_key.created': { apiKeyId: string; keyId: string; scopes: string[] };
  'api_key.revoked': { apiKeyId: string; keyId: string };
  /** Webhook subscriptions: ids, format, scope and event filter; never the URL, token or signing secret. */
  'webhook.created': { webhookId: string; format: string; widgetId: string | null; events: string[] };
  'webhook.updated': { webhookId: string; changes: string[] };
  'webhook.deleted': { webhookId: string; format: string };
  'agent.status_changed': { userId: string; email: string; status: Presence; subStatus: string | null; previous: Presence };
  'conversation.started': { conversationId: string; widgetId: string; contactId: string; number: number; source: ConversationSource };
  'conversation.queued': { conversationId: string; widgetId: string; reason: 'no_agent_available' | 'transfer' | 'unassigned' };
  'conversation.assigned': { conversationId: string; widgetId: string; assignee: Assignee; by: 'routing' | 'agent' | 'transfer' };
  'conversation.transferred': { conversationId: string; fromWidgetId: string; toWidgetId: string; from: Assignee | null; target: TransferTarget };
  'conversation.labeled': { conversationId: string; name: string; value: string };
  'conversation.unlabeled': { conversationId: string; name: string; value: string };
  'conversation.closed': { conversationId: string; widgetId: string; closedBy: CloseReason; durationSeconds: number };
  /** A closed conversation of a backend's channel taken up again; the routing's assigned or queued event follows. */
  'conversation.reopened': { conversationId: string; widgetId: string };
  /** Attributes an integration keeps on the conversation changed (priority, custom attributes). */
  'conversation.updated': { conversationId: string; changes: string[] };
  'conversation.rated': { conversationId: string; rating: number; comment: string | null };
  'message.created': { message: MessageView };
  /** A message changed after it was sent (withdrawn): the message as it now is. */
  'message.updated': { message: MessageView; changes: string[] };
  'messages.delivered': { conversationId: string; recipient: 'visitor' | 'agent'; upToSeq: number };
  'messages.read': { conversationId: string; reader: 'visitor' | 'agent'; upToSeq: number };
  'visitor.page_viewed': { conversationId: string | null; contactId: string; url: string; title: string | null };
  /** A contact made through an API (widget visitors arrive with their first chat instead). */
  'contact.created': { contactId: string };
  'contact.updated': { contactId: string; changes: string[] };
  'visitor.banned': { banId: string; kind: 'visitor' | 'ip'; value: string };
}

/**
 * Signals that matter only while they happen (typing, live previews): fanned out
 * to connected clients, never stored, never replayed.
 */
export interface EphemeralEventMap {
  'visitor.typing': { conversationId: string; isTyping: boolean; preview: string };
  'agent.typing': { conversationId: string; userId: string; isTyping: boolean };
}

export type EventType = keyof EventMap;

/** An event as a command emits it, before it is stored. */
export interface NewEvent<T extends EventType = EventType> {
  type: T;
  organizationId: string;
  payload: EventMap[T];
  widgetId?: string;
  conversationId?: string;
  userId?: string;
}

/** An event as stored in the domain event log: it now has its position. */
export type StoredEvent<T extends EventType = EventType> = NewEvent<T> & { id: number; occurredAt: Date };
