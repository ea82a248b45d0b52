import { bigint, boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A tenant. Every other row belongs to exactly one organization. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Numeric id for APIs that expect a long (SnapEngage's `org`). */
  accountNumber: bigint('account_number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
  name: text('name').notNull(),
  /** Visitors may ask for the chat transcript by e-mail; an admin's switch to stop every such e-mail at once. */
  transcriptsEnabled: boolean('transcripts_enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
