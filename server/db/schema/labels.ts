import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { publicIdColumn } from './public-ids.ts';

/**
 * The organization's label definitions (Chatwoot's account labels): the names agents pick from,
 * with a colour and a description. A conversation's labels (`conversation_labels`) are free-form
 * and need no definition; a definition only makes a name known and shown.
 */
export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Lower-case letters, digits, `-` and `_` (core/commands/label-fields.ts), unique in the organization. */
    title: text('title').notNull(),
    description: text('description'),
    /** `#RRGGBB`. */
    color: text('color').notNull().default('#1f93ff'),
    showOnSidebar: boolean('show_on_sidebar').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('labels_org_title_uq').on(t.organizationId, t.title), uniqueIndex('labels_org_public_id_uq').on(t.organizationId, t.publicId)],
);
