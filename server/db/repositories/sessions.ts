import { and, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { userSessions, users } from '../schema/index.ts';

export async function insertSession(tx: Executor, userId: string, tokenHash: string, expiresAt: Date) {
  await tx.insert(userSessions).values({ userId, tokenHash, expiresAt });
}

/** The user behind a live session token hash, if the session has not expired. */
export async function findUserBySessionHash(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ user: users })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.tokenHash, tokenHash), gt(userSessions.expiresAt, now)));
  return row?.user;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.userId, userId));
}

/** Drops a user's sessions that have run out, so the table does not grow with every login. */
export async function deleteExpiredSessionsOfUser(db: Executor, userId: string, now: Date): Promise<void> {
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lte(userSessions.expiresAt, now)));
}
