import type { EventType } from '../../kit.ts';

/**
 * Chatwoot's webhook event names (`Webhook::ALLOWED_WEBHOOK_EVENTS`, research/chatwoot.md §3.2),
 * in its order: what an account webhook may subscribe to.
 */
export const ALLOWED_WEBHOOK_EVENTS = [
  'conversation_status_changed',
  'conversation_updated',
  'conversation_created',
  'contact_created',
  'contact_updated',
  'message_created',
  'message_updated',
  'webwidget_triggered',
  'inbox_created',
  'inbox_updated',
  'conversation_typing_on',
  'conversation_typing_off',
] as const;
export type ChatwootEvent = (typeof ALLOWED_WEBHOOK_EVENTS)[number];

/**
 * Which of our stored events each Chatwoot event is made from. Each of ours becomes exactly one
 * Chatwoot event, so a subscription to some Chatwoot events is the union of their sources and the
 * delivery engine's own filter does the choosing. Our `queued` and `open` are both Chatwoot's
 * `open` (presenters/status.ts): only closing and reopening change the status; assignment, labels,
 * priority and custom attributes are updates. Left empty, so accepted but never sent:
 * `webwidget_triggered` (no widget-opened event) and the typing events (typing is ephemeral here:
 * fanned out live, never stored, so never in the outbox).
 */
export const SOURCES: Record<ChatwootEvent, readonly EventType[]> = {
  conversation_status_changed: ['conversation.closed', 'conversation.reopened'],
  conversation_updated: ['conversation.assigned', 'conversation.queued', 'conversation.labeled', 'conversation.unlabeled', 'conversation.updated'],
  conversation_created: ['conversation.started'],
  contact_created: ['contact.created'],
  contact_updated: ['contact.updated'],
  message_created: ['message.created'],
  message_updated: ['messages.delivered', 'messages.read', 'message.updated'],
  webwidget_triggered: [],
  inbox_created: ['widget.created'],
  inbox_updated: ['widget.updated'],
  conversation_typing_on: [],
  conversation_typing_off: [],
};

/** Every stored event the Chatwoot format turns into a webhook. */
export const SENT_EVENT_TYPES: readonly EventType[] = [...new Set(Object.values(SOURCES).flat())];

/** The Chatwoot event one of ours becomes. */
export const CHATWOOT_EVENT_OF: ReadonlyMap<EventType, ChatwootEvent> = new Map(
  ALLOWED_WEBHOOK_EVENTS.flatMap((name) => SOURCES[name].map((type) => [type, name] as const)),
);

/** Chatwoot sends these to account webhooks only, never to an API inbox's callback (§3.2). */
export const ACCOUNT_ONLY: ReadonlySet<ChatwootEvent> = new Set(['contact_created', 'contact_updated', 'inbox_created', 'inbox_updated']);

export const isChatwootEvent = (name: string): name is ChatwootEvent => (ALLOWED_WEBHOOK_EVENTS as readonly string[]).includes(name);

/** Our event types a subscription to these Chatwoot events wants (empty when none of them is ever sent). */
export const sourcesOf = (names: readonly ChatwootEvent[]): EventType[] => [...new Set(names.flatMap((name) => SOURCES[name]))];

/** The Chatwoot events a subscription made elsewhere (the native API) receives: an empty filter means all. */
export const chatwootEventsOf = (types: readonly string[]): ChatwootEvent[] =>
  ALLOWED_WEBHOOK_EVENTS.filter((name) => SOURCES[name].length > 0 && (types.length === 0 || SOURCES[name].some((type) => types.includes(type))));
