import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export async function insertUser(tx: Executor, values: NewUserRow): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function updateUserRow(tx: Executor, organizationId: string, id: string, values: Partial<NewUserRow>) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id)))
    .returning();
  return row;
}

export async function deleteUserRow(tx: Executor, organizationId: string, id: string): Promise<void> {
  if (!isUuid(id)) return;
  await tx.delete(users).where(and(eq(users.organizationId, organizationId), eq(users.id, id)));
}

/** Looks a login name up across all organizations (e-mails are unique installation-wide). */
export async function findUserByEmailAnywhere(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findUserByEmail(db: Executor, organizationId: string, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.email, email)));
  return row;
}

export async function findUserById(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id)));
  return row;
}

/** Users of one organization by their integer public ids (absent ones are left out). */
export async function findUsersByPublicIds(db: Executor, organizationId: string, publicIds: number[]): Promise<UserRow[]> {
  const valid = publicIds.filter(isPublicId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.publicId, valid)));
}

export async function listUsers(db: Executor, organizationId: string): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.organizationId, organizationId)).orderBy(asc(users.createdAt));
}

export async function countActiveAdmins(db: Executor, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, 'admin'), isNull(users.disabledAt)));
  return row?.n ?? 0;
}
