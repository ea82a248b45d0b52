import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { users, widgetMembers, widgets } from '../schema/index.ts';

export type WidgetRow = typeof widgets.$inferSelect;
export type NewWidgetRow = typeof widgets.$inferInsert;
export type WidgetMemberRow = typeof widgetMembers.$inferSelect;
export type NewWidgetMemberRow = typeof widgetMembers.$inferInsert;
/** A member with the login e-mail of its user, when it is a person. */
export type WidgetMemberWithEmail = WidgetMemberRow & { userEmail: string | null };
/** What a widget's member list shows of each member. */
export type WidgetMemberEntry = Pick<WidgetMemberWithEmail, 'id' | 'widgetId' | 'userId' | 'botId' | 'alias' | 'avatarUrl' | 'memberType' | 'tags' | 'userEmail'>;

export async function insertWidget(tx: Executor, values: NewWidgetRow): Promise<WidgetRow> {
  const [row] = await tx.insert(widgets).values(values).returning();
  return row!;
}

export async function updateWidgetRow(tx: Executor, organizationId: string, id: string, values: Partial<NewWidgetRow>) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(widgets)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(widgets.organizationId, organizationId), eq(widgets.id, id), isNull(widgets.deletedAt)))
    .returning();
  return row;
}

/** Live (not deleted) widget of one organization. */
export async function findWidget(db: Executor, organizationId: string, id: string): Promise<WidgetRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(widgets)
    .where(and(eq(widgets.organizationId, organizationId), eq(widgets.id, id), isNull(widgets.deletedAt)));
  return row;
}

/**
 * A live widget with its members in display order, in one query: integrations read the widget of
 * a conversation on their hottest calls (Chatwoot's message create among them).
 */
export async function findWidgetWithMembers(db: Executor, organizationId: string, id: string): Promise<{ row: WidgetRow; members: WidgetMemberEntry[] } | undefined> {
  if (!isUuid(id)) return undefined;
  const [found] = await db
    .select({
      row: widgets,
      // Qualified by hand: drizzle leaves columns of a one-table select unqualified, and "id" would be ambiguous here.
      members: sql<WidgetMemberEntry[]>`coalesce((
        select json_agg(json_build_object(
          'id', m.id, 'widgetId', m.widget_id, 'userId', m.user_id, 'botId', m.bot_id, 'alias', m.alias,
          'avatarUrl', m.avatar_url, 'memberType', m.member_type, 'tags', m.tags, 'userEmail', u.email
        ) order by m.position)
        from widget_members m left join users u on u.id = m.user_id
        where m.widget_id = widgets.id
      ), '[]'::json)`,
    })
    .from(widgets)
    .where(and(eq(widgets.organizationId, organizationId), eq(widgets.id, id), isNull(widgets.deletedAt)));
  return found;
}

/** Live widget of one organization by its integer public id (an inbox id). */
export async function findWidgetByPublicId(db: Executor, organizationId: string, publicId: number): Promise<WidgetRow | undefined> {
  if (!isPublicId(publicId)) return undefined;
  const [row] = await db
    .select()
    .from(widgets)
    .where(and(eq(widgets.organizationId, organizationId), eq(widgets.publicId, publicId), isNull(widgets.deletedAt)));
  return row;
}

export async function listWidgets(db: Executor, organizationId: string): Promise<WidgetRow[]> {
  return db
    .select()
    .from(widgets)
    .where(and(eq(widgets.organizationId, organizationId), isNull(widgets.deletedAt)))
    .orderBy(asc(widgets.createdAt));
}

export async function replaceWidgetMembers(tx: Executor, widgetId: string, members: NewWidgetMemberRow[]) {
  await tx.delete(widgetMembers).where(eq(widgetMembers.widgetId, widgetId));
  if (members.length > 0) await tx.insert(widgetMembers).values(members);
}

export async function listWidgetMembers(db: Executor, widgetIds: string[]): Promise<WidgetMemberWithEmail[]> {
  if (widgetIds.length === 0) return [];
  const rows = await db
    .select({ member: widgetMembers, userEmail: users.email })
    .from(widgetMembers)
    .leftJoin(users, eq(users.id, widgetMembers.userId))
    .where(inArray(widgetMembers.widgetId, widgetIds))
    .orderBy(asc(widgetMembers.position));
  return rows.map((r) => ({ ...r.member, userEmail: r.userEmail }));
}

/** A live widget by its public id, whatever its organization (public endpoints have no credentials). */
export async function findLiveWidgetAnywhere(db: Executor, id: string): Promise<WidgetRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(widgets)
    .where(and(eq(widgets.id, id), isNull(widgets.deletedAt)));
  return row;
}

/** The alias a user or bot carries on one widget, if it is a member there. */
export async function findMemberAlias(db: Executor, widgetId: string, member: { userId: string } | { botId: string }) {
  const [row] = await db
    .select({ alias: widgetMembers.alias })
    .from(widgetMembers)
    .where(
      and(
        eq(widgetMembers.widgetId, widgetId),
        'userId' in member ? eq(widgetMembers.userId, member.userId) : eq(widgetMembers.botId, member.botId),
      ),
    );
  return row?.alias;
}
