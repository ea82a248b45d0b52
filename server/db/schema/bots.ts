import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { botPresences } from '../../../protocol/values.ts';

/** An automated member: answers chats through an HTTP endpoint (SnapEngage Bot API and others). */
export const bots = pgTable(
  'bots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    endpointUrl: text('endpoint_url'),
    /** Sent to the bot endpoint as a header; kept readable because we must send it. */
    endpointToken: text('endpoint_token'),
    /**
     * The `BotProtocol.id` the bot speaks (server/integrations/bot-protocols.ts). Not an enum:
     * protocols come and go with dialects, and a bot whose protocol is gone is handed over, not
     * unreadable. Bots made before this column spoke SnapEngage's Bot API, hence the default.
     */
    protocol: text('protocol').notNull().default('snapengage.bot-api'),
    presence: text('presence', { enum: botPresences }).notNull().default('online'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bots_organization_idx').on(t.organizationId)],
);
