import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { publicIdColumn } from './public-ids.ts';
import { users } from './users.ts';

/** A group of agents a conversation can be handed to (Chatwoot's teams). */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publicId: publicIdColumn(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Unique in the organization whatever its case: "Sales" and "sales" would be one team to people. */
    name: text('name').notNull(),
    description: text('description'),
    /** Chatwoot's setting; kept and shown, not acted on: our routing assigns by widget membership. */
    allowAutoAssign: boolean('allow_auto_assign').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('teams_org_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    uniqueIndex('teams_org_public_id_uq').on(t.organizationId, t.publicId),
  ],
);

/** Who is in a team; a deleted user or team takes its memberships along. */
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);
