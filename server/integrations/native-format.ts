import type { EventType } from '../core/events.ts';
import { defaultOrderingKey, type WebhookFormat } from '../core/webhook-format.ts';

/** Every stored event type; `satisfies` makes the compiler flag a type added to EventMap but not here. */
const everyEventType = Object.keys({
  'organization.created': true,
  'user.created': true,
  'user.updated': true,
  'user.deleted': true,
  'widget.created': true,
  'widget.updated': true,
  'widget.deleted': true,
  'api_key.created': true,
  'api_key.revoked': true,
  'webhook.created': true,
  'webhook.updated': true,
  'webhook.deleted': true,
  'agent.status_changed': true,
  'conversation.started': true,
  'conversation.queued': true,
  'conversation.assigned': true,
  'conversation.transferred': true,
  'conversation.labeled': true,
  'conversation.unlabeled': true,
  'conversation.closed': true,
  'conversation.reopened': true,
  'conversation.updated': true,
  'conversation.rated': true,
  'message.created': true,
  'message.updated': true,
  'messages.delivered': true,
  'messages.read': true,
  'visitor.page_viewed': true,
  'contact.created': true,
  'contact.updated': true,
  'visitor.banned': true,
} satisfies Record<EventType, true>) as EventType[];

/**
 * Our own format: the domain event as stored, wrapped with the delivery id so a receiver
 * can drop a delivery it has already processed.
 */
export const nativeFormat: WebhookFormat = {
  id: 'native',
  description: 'Switchboard domain events as JSON: {id, event, eventId, occurredAt, organizationId, widgetId?, conversationId?, data}',
  scope: 'any',
  events: everyEventType,
  emailOnFailure: false,
  async build({ event, deliveryId }) {
    const body = JSON.stringify({
      id: deliveryId,
      event: event.type,
      eventId: event.id,
      occurredAt: event.occurredAt.toISOString(),
      organizationId: event.organizationId,
      ...(event.widgetId && { widgetId: event.widgetId }),
      ...(event.conversationId && { conversationId: event.conversationId }),
      data: event.payload,
    });
    return { body, contentType: 'application/json', orderingKey: defaultOrderingKey(event) };
  },
};
