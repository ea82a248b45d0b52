import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { publicIdColumn } from './public-ids.ts';

/** Ready-made replies agents insert by typing their short code, shared by the organization. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Unique in the organization (case-sensitive, as Chatwoot's). */
    shortCode: text('short_code').notNull(),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('canned_responses_org_short_code_uq').on(t.organizationId, t.shortCode),
    uniqueIndex('canned_responses_org_public_id_uq').on(t.organizationId, t.publicId),
  ],
);
