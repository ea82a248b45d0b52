import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * A vendor's name for one of our entities, kept for a dialect: Chatwoot's contact-inbox
 * `source_id` (a contact's session in an API inbox), its `pubsub_token`, an external chat server's
 * chat id. `(dialect, kind, scope, value)` is unique: `scope` is what the vendor makes the value
 * unique within (an inbox, or '' for the whole installation). `entity_id` is our row's uuid;
 * `data` carries what else the dialect needs to answer with (e.g. the inbox of a source_id).
 */
export const externalReferences = pgTable(
  'external_references',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    dialect: text('dialect').notNull(),
    kind: text('kind').notNull(),
    scope: text('scope').notNull().default(''),
    value: text('value').notNull(),
    entityId: uuid('entity_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('external_references_value_uq').on(t.dialect, t.kind, t.scope, t.value),
    index('external_references_entity_idx').on(t.organizationId, t.entityId),
  ],
);
