import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';
import { bots } from './bots.ts';
import type { MessageContent } from '../../../protocol/native-api.ts';
import { messageKinds, senderTypes } from '../../../protocol/values.ts';

export type { MessageContent };

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Total order of messages; used for transcripts and poll indices. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    senderType: text('sender_type', { enum: senderTypes }).notNull(),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    senderBotId: uuid('sender_bot_id').references(() => bots.id, { onDelete: 'set null' }),
    /** Alias shown with the message at the time it was sent; survives user deletion. */
    senderName: text('sender_name'),
    kind: text('kind', { enum: messageKinds }).notNull().default('text'),
    body: text('body').notNull().default(''),
    content: jsonb('content').$type<MessageContent>(),
    /** Internal notes are visible to agents only. */
    private: boolean('private').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.seq)],
);
