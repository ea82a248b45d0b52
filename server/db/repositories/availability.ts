import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { bots, conversations, users, widgetMembers } from '../schema/index.ts';

/**
 * The read behind "is this widget online" and "who takes the next chat". The
 * public availability endpoint is polled by browsers and mobile apps, so it
 * stays one query with indexed per-member counts.
 */

export interface MemberLoadRow {
  memberId: string;
  userId: string | null;
  botId: string | null;
  alias: string;
  tags: string[];
  userPresence: 'online' | 'pause' | 'offline' | null;
  userDisabledAt: Date | null;
  maxConcurrentChats: number | null;
  botPresence: 'online' | 'offline' | null;
  openConversations: number;
}

/**
 * The widget's members whose presence is `online` (people not disabled), in member
 * order, each with its number of `open` conversations across all widgets. Members
 * who cannot take a chat anyway are filtered here so their chats are never counted.
 */
export async function listOnlineMemberLoads(db: Executor, widgetId: string): Promise<MemberLoadRow[]> {
  if (!isUuid(widgetId)) return [];
  // Uses conversations_assignee_idx (assignee_user_id, status).
  const openOfUser = db.$count(conversations, and(eq(conversations.assigneeUserId, widgetMembers.userId), eq(conversations.status, 'open')));
  // No index on assignee_bot_id: narrowed through conversations_org_status_idx (organization_id, status).
  const openOfBot = db.$count(
    conversations,
    and(eq(conversations.organizationId, bots.organizationId), eq(conversations.status, 'open'), eq(conversations.assigneeBotId, widgetMembers.botId)),
  );
  return db
    .select({
      memberId: widgetMembers.id,
      userId: widgetMembers.userId,
      botId: widgetMembers.botId,
      alias: widgetMembers.alias,
      tags: widgetMembers.tags,
      userPresence: users.presence,
      userDisabledAt: users.disabledAt,
      maxConcurrentChats: users.maxConcurrentChats,
      botPresence: bots.presence,
      // CASE evaluates only the branch it takes: one count per member, not two.
      openConversations: sql<number>`case when ${widgetMembers.userId} is not null then ${openOfUser} else ${openOfBot} end`.mapWith(Number),
    })
    .from(widgetMembers)
    .leftJoin(users, eq(users.id, widgetMembers.userId))
    .leftJoin(bots, eq(bots.id, widgetMembers.botId))
    .where(
      and(
        eq(widgetMembers.widgetId, widgetId),
        or(and(eq(users.presence, 'online'), isNull(users.disabledAt)), eq(bots.presence, 'online')),
      ),
    )
    .orderBy(asc(widgetMembers.position), asc(widgetMembers.createdAt));
}
