import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { widgets } from './widgets.ts';
import { deliveryStates, type DeliveryState } from '../../../protocol/values.ts';

export type { DeliveryState };

/**
 * An endpoint that receives events of one organization, or of one of its widgets,
 * in one payload format (our native JSON, or a vendor's webhook such as SnapEngage's).
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Null: every widget of the organization. */
    widgetId: uuid('widget_id').references(() => widgets.id, { onDelete: 'cascade' }),
    /** Payload format id, e.g. `native` or `snapengage.conversation-events`. */
    format: text('format').notNull(),
    url: text('url').notNull(),
    /** Sent as the vendor documents it (SnapEngage: `Authorization`); kept readable because we must send it, never returned. */
    authToken: text('auth_token'),
    /** HMAC key; kept readable because we must sign with it, shown only when created or rotated. */
    signingSecret: text('signing_secret').notNull(),
    /** Event types wanted; empty means every type the format sends. */
    events: text('events').array().notNull().default(sql`'{}'::text[]`),
    /** Where a delivery that finally failed is e-mailed, for formats that promise it (else the widget's destination e-mail). */
    fallbackEmail: text('fallback_email'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_organization_idx').on(t.organizationId)],
);

/**
 * One event for one subscription. The body is built once, when the row is made, so
 * every attempt sends the same bytes; `(event_id, subscription_id)` is unique, so an
 * event reaches an endpoint once however often the dispatcher re-reads the outbox.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** Also the stable delivery id sent in the headers of every attempt. */
    id: uuid('id').primaryKey(),
    /** Delivery order: within one subscription and ordering key, a row is sent only once every earlier row is settled. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').notNull().references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The domain event it was made from. */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** Usually the conversation; deliveries with the same key arrive in event order. */
    orderingKey: text('ordering_key').notNull(),
    contentType: text('content_type').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: deliveryStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (pending rows); a claimed row has it pushed past its attempt's timeout. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Retries stop this long after the first try (or after a replay). */
    retryUntil: timestamp('retry_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_subscription_uq').on(t.eventId, t.subscriptionId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
    index('webhook_deliveries_order_idx').on(t.subscriptionId, t.orderingKey, t.seq).where(sql`state = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.seq),
    // The retention sweep finds settled rows by age without reading the whole log.
    index('webhook_deliveries_settled_idx').on(t.settledAt).where(sql`state <> 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery, kept for the delivery log. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
    /** Null when no response came (network error, timeout). */
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/** How far a reader of the domain event outbox has got (one row per reader, e.g. `webhooks`). */
export const outboxCursors = pgTable('outbox_cursors', {
  name: text('name').primaryKey(),
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
