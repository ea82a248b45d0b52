import { randomUUID } from 'node:crypto';
import type { Core } from '../core/context.ts';
import type { StoredEvent } from '../core/events.ts';
import type { WebhookFormat } from '../core/webhook-format.ts';
import { listActiveSubscriptions, type NewDelivery, type SubscriptionRow } from '../db/repositories/webhooks.ts';

/**
 * Fans committed domain events out to subscriptions: for each event and each active
 * subscription that wants it, the format builds the body of a delivery row. The caller stores
 * the rows in the same transaction as its outbox cursor, and (event, subscription) is unique,
 * so a crash between the two, or two processes dispatching, can neither lose nor double a delivery.
 */
export function createDeliveryBuilder(core: Core, formats: ReadonlyMap<string, WebhookFormat>, publicUrl: string) {
  return async function deliveriesFor(events: readonly StoredEvent[]): Promise<NewDelivery[]> {
    const organizations = [...new Set(events.map((event) => event.organizationId))];
    const subscriptions = await listActiveSubscriptions(core.db, organizations);
    const deliveries: NewDelivery[] = [];
    for (const event of events) {
      for (const subscription of subscriptions) {
        const format = formats.get(subscription.format);
        if (!format || !wants(subscription, format, event)) continue;
        const delivery = await buildDelivery({ core, publicUrl }, format, subscription, event);
        if (delivery) deliveries.push(delivery);
      }
    }
    return deliveries;
  };
}

function wants(subscription: SubscriptionRow, format: WebhookFormat, event: StoredEvent): boolean {
  return (
    subscription.organizationId === event.organizationId &&
    // A backlog read after a subscription was made must not hand it events from before it existed.
    event.occurredAt >= subscription.createdAt &&
    (subscription.widgetId === null || subscription.widgetId === event.widgetId) &&
    format.events.includes(event.type) &&
    (subscription.events.length === 0 || subscription.events.includes(event.type))
  );
}

async function buildDelivery(
  context: { core: Core; publicUrl: string },
  format: WebhookFormat,
  subscription: SubscriptionRow,
  event: StoredEvent,
): Promise<NewDelivery | undefined> {
  const id = randomUUID();
  const target = { organizationId: subscription.organizationId, widgetId: subscription.widgetId };
  const payload = await format.build({ ...context, event, target, deliveryId: id });
  if (!payload) return undefined;
  return {
    id,
    organizationId: subscription.organizationId,
    subscriptionId: subscription.id,
    eventId: event.id,
    eventType: event.type,
    orderingKey: payload.orderingKey,
    contentType: payload.contentType,
    body: payload.body,
  };
}
