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
