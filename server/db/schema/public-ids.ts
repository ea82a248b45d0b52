import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Integer ids for APIs that expect them (Chatwoot's inbox, contact and user ids; Userlike's), counted
 * 1, 2, 3 … per organization and entity, so a tenant's ids say nothing about other tenants. The
 * database assigns them: a `BEFORE INSERT` trigger (`assign_public_id`, written by hand in migration
 * 0009) bumps this table's row for the organization and entity whenever a row arrives with
 * `public_id = 0`, the column's default, so every insert path gets one without knowing about it. The
 * row stays locked until commit: concurrent creations in one organization take their ids in turn,
 * which is cheap because creating users, inboxes and contacts is rare next to messages.
 */
export const publicIdCounters = pgTable(
  'public_id_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.entity] })],
);

/** The integer id column; 0 means "assign one" to the trigger, so no stored row ever has 0. */
export const publicIdColumn = () => integer('public_id').notNull().default(0);
