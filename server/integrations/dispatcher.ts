import { randomUUID } from 'node:crypto';
import type { Core } from '../core/context.ts';
import type { StoredEvent } from '../core/events.ts';
import type { WebhookFormat } from '../core/webhook-format.ts';
import { insertDeliveries, listActiveSubscriptions, type NewDelivery, type SubscriptionRow } from '../db/repositories/webhooks.ts';
import { createOutboxReader } from './outbox-reader.ts';

/** Events read per pass; a backlog drains in pages of this size. */
const PAGE_SIZE = 500;

export interface Dispatcher {
  /** Turns the next page of events into deliveries: how many events it consumed and deliveries it made. */
  dispatchPage(): Promise<{ events: number; deliveries: number }>;
  /** Stores how far it has read (shutdown). */
  save(): Promise<void>;
}

/**
 * Fans committed domain events out to subscriptions: for each event and each active
 * subscription that wants it, the format builds the body and a delivery row is added.
 * Rows and the cursor commit together and (event, subscription) is unique, so a crash
 * between the two, or two processes dispatching, can neither lose nor double a delivery.
 */
export function createDispatcher(core: Core, formats: ReadonlyMap<string, WebhookFormat>, publicUrl: string): Dispatcher {
  const reader = createOutboxReader(core, 'webhooks', PAGE_SIZE);
  return {
    async dispatchPage() {
      const page = await reader.next();
      if (page.events.length === 0) return { events: 0, deliveries: 0 };
      const organizations = [...new Set(page.events.map((event) => event.organizationId))];
      const subscriptions = await listActiveSubscriptions(core.db, organizations);
      const deliveries: NewDelivery[] = [];
      for (const event of page.events) {
        for (const subscription of subscriptions) {
          const format = formats.get(subscription.format);
          if (!format || !wants(subscription, format, event)) continue;
          const delivery = await buildDelivery({ core, publicUrl }, format, subscription, event);
          if (delivery) deliveries.push(delivery);
        }
      }
      const committed = await reader.commit(page, deliveries.length > 0 ? (tx) => insertDeliveries(tx, deliveries) : undefined);
      return committed ? { events: page.events.length, deliveries: deliveries.length } : { events: 0, deliveries: 0 };
    },
    save: () => reader.save(),
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
