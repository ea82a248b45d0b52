import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from './organizations.ts';
import { users } from './users.ts';
import { bots } from './bots.ts';
import type { WidgetSchedule } from '../../../protocol/native-api.ts';
import { channelTypes } from '../../../protocol/values.ts';
import { publicIdColumn } from './public-ids.ts';

export type { WidgetSchedule };

/**
 * How the visitor widget looks and behaves (launcher colour, prechat fields, rating scale,
 * proactive invitation, language...). Kept as one JSON document because only the widget
 * reads it and its fields grow with the UI; the widget code validates and defaults it.
 */
export type WidgetUiSettings = Record<string, unknown>;

/**
 * Settings of a channel that is not a web widget. An API channel delivers what happens in its
 * conversations to `callbackUrl` (through a webhook subscription the channel owns, in the payload
 * format `callbackFormat` of the dialect that made it) and checks its contacts' identity with
 * `hmacToken` (required when `hmacMandatory`). Readable, not hashed: we must sign with the token.
 */
export interface ChannelSettings {
  callbackUrl?: string | null;
  callbackFormat?: string;
  /** The webhook subscription that carries the callback (db/schema/webhooks.ts), while there is one. */
  callbackSubscriptionId?: string;
  hmacToken?: string;
  hmacMandatory?: boolean;
}

/**
 * An entry point (a vendor's inbox or channel): the chat box visitors open on a website, or an API
 * or external-chat-server channel, with its members, schedule and rules.
 */
export const widgets = pgTable(
  'widgets',
  {
    /** Also the public widget id used in snippets and vendor APIs. */
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    channelType: text('channel_type', { enum: channelTypes }).notNull().default('web_widget'),
    /** The channel's public identifier (Chatwoot's `inbox_identifier`), unique in the installation; null for web widgets. */
    channelIdentifier: text('channel_identifier'),
    channelSettings: jsonb('channel_settings').$type<ChannelSettings>().notNull().default({}),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    destinationEmail: text('destination_email'),
    emailRequired: boolean('email_required').notNull().default(false),
    messageRequired: boolean('message_required').notNull().default(false),
    proactiveEnabled: boolean('proactive_enabled').notNull().default(false),
    conversationsEnabled: boolean('conversations_enabled').notNull().default(true),
    /** Null means always open. */
    schedule: jsonb('schedule').$type<WidgetSchedule>(),
    allowedDomains: text('allowed_domains').array().notNull().default(sql`'{}'::text[]`),
    blockedIps: text('blocked_ips').array().notNull().default(sql`'{}'::text[]`),
    uiSettings: jsonb('ui_settings').$type<WidgetUiSettings>().notNull().default({}),
    vendorData: jsonb('vendor_data').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Widgets are soft-deleted so past conversations keep their context. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('widgets_organization_idx').on(t.organizationId),
    uniqueIndex('widgets_org_public_id_uq').on(t.organizationId, t.publicId),
    uniqueIndex('widgets_channel_identifier_uq').on(t.channelIdentifier),
  ],
);

/** Who answers a widget's chats: a person or a bot, with how they appear there. */
export const widgetMembers = pgTable(
  'widget_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    widgetId: uuid('widget_id').notNull().references(() => widgets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    botId: uuid('bot_id').references(() => bots.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    avatarUrl: text('avatar_url'),
    /** Channel the member answers through (SnapEngage agentType: webclient, google, skype). */
    memberType: text('member_type').notNull().default('webclient'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Display and routing order within the widget. */
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('widget_members_widget_idx').on(t.widgetId),
    check('widget_members_one_target', sql`num_nonnulls(${t.userId}, ${t.botId}) = 1`),
  ],
);
