import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.ts';
import { conversations } from './conversations.ts';
import { messages } from './messages.ts';
import { organizations } from './organizations.ts';

/**
 * Every transcript e-mail a visitor asked for: what the mailer sends (found by the notice posted in
 * the chat) and what the limits count. Kept in the database, so the counts survive a restart and
 * hold across processes; the notice alone would need a scan of messages by time to count them.
 */
export const transcriptRequests = pgTable(
  'transcript_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    /** The `transcript_requested` notice in the conversation. */
    messageId: uuid('message_id').notNull().unique().references(() => messages.id, { onDelete: 'cascade' }),
    /** The visitor's own address for the chat at the time of the request: the only one a transcript goes to. */
    email: text('email').notNull(),
    /** Where the request came from, for the per-IP limit; never shown to agents or sent in events. */
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('transcript_requests_conversation_idx').on(t.conversationId),
    index('transcript_requests_contact_idx').on(t.contactId, t.createdAt),
    index('transcript_requests_ip_idx').on(t.ip, t.createdAt),
    index('transcript_requests_org_idx').on(t.organizationId, t.createdAt),
  ],
);
