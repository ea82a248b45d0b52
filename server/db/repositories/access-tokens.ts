import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { organizations, userAccessTokens, users } from '../schema/index.ts';

export type AccessTokenKind = (typeof userAccessTokens.$inferSelect)['kind'];

export async function insertAccessToken(tx: Executor, values: typeof userAccessTokens.$inferInsert): Promise<void> {
  await tx.insert(userAccessTokens).values(values);
}

/** Removes a user's tokens of one kind (a regenerated personal token replaces the old one), and expired ones. */
export async function deleteAccessTokens(tx: Executor, userId: string, kind: AccessTokenKind, now: Date): Promise<void> {
  await tx
    .delete(userAccessTokens)
    .where(and(eq(userAccessTokens.userId, userId), or(eq(userAccessTokens.kind, kind), lte(userAccessTokens.expiresAt, now))));
}

/** The token's row, its user and their organization, if the token is live. */
export async function findUserByAccessTokenHash(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ user: users, token: userAccessTokens, organization: organizations })
    .from(userAccessTokens)
    .innerJoin(users, eq(users.id, userAccessTokens.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(userAccessTokens.tokenHash, tokenHash), or(isNull(userAccessTokens.expiresAt), gt(userAccessTokens.expiresAt, now))));
  return row;
}

export async function touchAccessToken(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(userAccessTokens).set({ lastUsedAt: now }).where(eq(userAccessTokens.id, id));
}

/** When the user's personal token was made, if they have one (the token itself is never stored). */
export async function findPersonalTokenCreatedAt(db: Executor, organizationId: string, userId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ createdAt: userAccessTokens.createdAt })
    .from(userAccessTokens)
    .where(and(eq(userAccessTokens.organizationId, organizationId), eq(userAccessTokens.userId, userId), eq(userAccessTokens.kind, 'personal')));
  return row?.createdAt;
}
