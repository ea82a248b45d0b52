import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { publicIdColumn } from './public-ids.ts';

/**
 * A website visitor, known by a cookie id and whatever they told us. A widget's visitor gets a row
 * only with their first chat (open-visitor-session.ts); rows that told us nothing and have no
 * chat are deleted after ANONYMOUS_CONTACT_RETENTION_DAYS (jobs/anonymous-contact-retention.ts).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The widget's visitor cookie id; null for contacts created through an API. */
    visitorId: text('visitor_id'),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    /** SHA-256 of the visitor's session token (the widget keeps the token); proves "this is that visitor". */
    sessionTokenHash: text('session_token_hash').unique(),
    /** The integrating system's own id for this person (Chatwoot's `identifier`), unique in the organization. */
    identifier: text('identifier'),
    customAttributes: jsonb('custom_attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** What an integration knows about the person beyond our fields (Chatwoot's `additional_attributes`: company, city …). */
    additionalAttributes: jsonb('additional_attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('contacts_visitor_unique').on(t.organizationId, t.visitorId),
    uniqueIndex('contacts_org_public_id_uq').on(t.organizationId, t.publicId),
    uniqueIndex('contacts_org_identifier_uq').on(t.organizationId, t.identifier),
    index('contacts_email_idx').on(t.organizationId, t.email),
    // The retention sweep finds old contacts that told us nothing without reading the named ones.
    index('contacts_anonymous_age_idx').on(t.createdAt).where(sql`${t.name} is null and ${t.email} is null and ${t.phone} is null`),
  ],
);

/** Visitors (by cookie id) or addresses that may not start chats. */
export const bans = pgTable(
  'bans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['visitor', 'ip'] }).notNull(),
    value: text('value').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bans_unique').on(t.organizationId, t.kind, t.value)],
);
