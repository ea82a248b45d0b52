import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { teamMembers, teams, users } from '../schema/index.ts';
import type { UserRow } from './users.ts';

export type TeamRow = typeof teams.$inferSelect;
export type NewTeamRow = typeof teams.$inferInsert;

export async function insertTeam(tx: Executor, values: NewTeamRow): Promise<TeamRow> {
  const [row] = await tx.insert(teams).values(values).returning();
  return row!;
}

export async function updateTeamRow(tx: Executor, organizationId: string, id: string, values: Partial<NewTeamRow>) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(teams)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(teams.organizationId, organizationId), eq(teams.id, id)))
    .returning();
  return row;
}

/** Answers whether there was such a team; its memberships go with it, its conversations keep no team (foreign keys). */
export async function deleteTeamRow(tx: Executor, organizationId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await tx
    .delete(teams)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return deleted.length > 0;
}

/** In creation order. */
export async function listTeams(db: Executor, organizationId: string): Promise<TeamRow[]> {
  return db.select().from(teams).where(eq(teams.organizationId, organizationId)).orderBy(asc(teams.publicId));
}

export async function findTeam(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.id, id)));
  return row;
}

export async function findTeamByPublicId(db: Executor, organizationId: string, publicId: number) {
  if (!isPublicId(publicId)) return undefined;
  const [row] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.organizationId, organizationId), eq(teams.publicId, publicId)));
  return row;
}

/** Another team of the organization with this name in any case (`exceptId` is the one being renamed). */
export async function findTeamNamed(db: Executor, organizationId: string, name: string, exceptId?: string) {
  const conditions = [eq(teams.organizationId, organizationId), sql`lower(${teams.name}) = lower(${name})`];
  if (exceptId) conditions.push(ne(teams.id, exceptId));
  const [row] = await db.select({ id: teams.id }).from(teams).where(and(...conditions));
  return row;
}

/** The members, in the order they joined. */
export async function listTeamMemberUsers(db: Executor, teamId: string): Promise<UserRow[]> {
  const rows = await db
    .select({ user: users })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(teamMembers.createdAt), asc(users.publicId));
  return rows.map((row) => row.user);
}

/** The ids of the organization's teams this user is in. */
export async function listTeamIdsOfUser(db: Executor, organizationId: string, userId: string): Promise<string[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teams.organizationId, organizationId), eq(teamMembers.userId, userId)));
  return rows.map((row) => row.teamId);
}

/** Adds people to a team; those already in it stay as they were. */
export async function insertTeamMembers(tx: Executor, teamId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(teamMembers)
    .values(userIds.map((userId) => ({ teamId, userId })))
    .onConflictDoNothing();
}

export async function deleteTeamMembers(tx: Executor, teamId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.userId, [...userIds])));
}

/** Removes everyone but these people. */
export async function deleteTeamMembersExcept(tx: Executor, teamId: string, keptUserIds: readonly string[]): Promise<void> {
  const others = keptUserIds.length > 0 ? notInArray(teamMembers.userId, [...keptUserIds]) : undefined;
  await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), others));
}
