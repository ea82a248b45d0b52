import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { widgets } from './widgets.ts';
import { contacts } from './contacts.ts';
import { users } from './users.ts';
import { bots } from './bots.ts';
import { teams } from './teams.ts';
import type { VisitorContext } from '../../../protocol/native-api.ts';
import { closeReasons, conversationPriorities, conversationSources, conversationStatuses } from '../../../protocol/values.ts';

export type { VisitorContext };

/** A chat (or offline message) between a visitor and a widget's members: a "case". */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * The display id (Chatwoot's `display_id`): 1, 2, 3 … within the organization, from
     * `conversation_counters`. Per organization, so a tenant's numbers say nothing about other tenants' volume.
     */
    number: bigint('number', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    widgetId: uuid('widget_id').notNull().references(() => widgets.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    status: text('status', { enum: conversationStatuses }).notNull().default('queued'),
    source: text('source', { enum: conversationSources }).notNull().default('manual'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeBotId: uuid('assignee_bot_id').references(() => bots.id, { onDelete: 'set null' }),
    /** The team it is handed to (Chatwoot's `team_id`); null: none. A deleted team lets go of its conversations. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    visitorContext: jsonb('visitor_context').$type<VisitorContext>().notNull().default({}),
    language: text('language'),
    /** Attributes an integration keeps on the conversation (Chatwoot's `custom_attributes`), merged on update. */
    customAttributes: jsonb('custom_attributes').$type<Record<string, unknown>>().notNull().default({}),
    /** How urgent agents should treat it; null: not set (Chatwoot's `urgent|high|medium|low`). */
    priority: text('priority', { enum: conversationPriorities }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by', { enum: closeReasons }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
  },
  (t) => [
    uniqueIndex('conversations_org_number_uq').on(t.organizationId, t.number),
    index('conversations_org_status_idx').on(t.organizationId, t.status),
    index('conversations_widget_idx').on(t.widgetId, t.createdAt),
    index('conversations_assignee_idx').on(t.assigneeUserId, t.status),
    index('conversations_contact_idx').on(t.contactId),
    // The team filter of lists, and letting go of a deleted team's conversations.
    index('conversations_team_idx').on(t.teamId),
  ],
);

/**
 * The last conversation number given out per organization. Creating a conversation bumps its
 * organization's row in the same transaction, which holds the row until commit: two chats started at
 * once in one organization take their numbers in turn (creation is rare next to messages, so this
 * lock is cheap), and a rolled-back start gives its number back.
 */
export const conversationCounters = pgTable('conversation_counters', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  lastNumber: bigint('last_number', { mode: 'number' }).notNull(),
});

/** Free-form case labels: a name with one value each (a name may repeat with other values). */
export const conversationLabels = pgTable(
  'conversation_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: text('value').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_labels_conversation_idx').on(t.conversationId)],
);
