import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { publicIdColumn } from './public-ids.ts';
import { presences, roles } from '../../../protocol/values.ts';

/** Agents and admins: the people who answer chats and configure the product. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Always stored lower-cased; the login name, unique across the installation. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: roles }).notNull().default('agent'),
    /** scrypt hash in PHC-like form; null until a password is set (invited via a widget's member list). */
    passwordHash: text('password_hash'),
    alias: text('alias'),
    avatarUrl: text('avatar_url'),
    phone: text('phone'),
    maxConcurrentChats: integer('max_concurrent_chats').notNull().default(5),
    presence: text('presence', { enum: presences }).notNull().default('offline'),
    presenceReason: text('presence_reason'),
    presenceChangedAt: timestamp('presence_changed_at', { withTimezone: true }),
    /** Per-dialect attributes that have no core meaning (e.g. SnapEngage's accountType). */
    vendorData: jsonb('vendor_data').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    uniqueIndex('users_org_public_id_uq').on(t.organizationId, t.publicId),
    index('users_organization_idx').on(t.organizationId),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_max_chats_positive', sql`${t.maxConcurrentChats} >= 0`),
  ],
);

/** Browser sessions of console users; only a hash of the cookie value is stored. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/**
 * Personal access tokens: a user's credential for APIs that authenticate a person by token
 * (Chatwoot's `api_access_token`). Only a hash is stored; the token is shown when issued. A
 * `personal` token lasts until regenerated; a `sign_in` token is issued by a vendor sign-in
 * route and expires with it, so signing in never reveals or replaces the personal one.
 */
export const userAccessTokens = pgTable(
  'user_access_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['personal', 'sign_in'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('user_access_tokens_user_idx').on(t.userId, t.kind)],
);
