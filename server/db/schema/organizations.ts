import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A tenant. Every other row belongs to exactly one organization. */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Numeric id for APIs that expect a long (SnapEngage's `org`). */
  accountNumber: bigint('account_number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
