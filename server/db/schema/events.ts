import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * The domain event log and outbox. Every command appends here in the same
 * transaction as its change; realtime resume and webhook delivery read from it.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    /** Strictly increasing; clients resume "after event N". */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    widgetId: uuid('widget_id'),
    conversationId: uuid('conversation_id'),
    userId: uuid('user_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('domain_events_org_idx').on(t.organizationId, t.id),
    index('domain_events_conversation_idx').on(t.conversationId, t.id),
  ],
);
