import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { apiCredentials } from '../schema/index.ts';

export type ApiCredentialRow = typeof apiCredentials.$inferSelect;

export async function insertApiCredential(tx: Executor, values: typeof apiCredentials.$inferInsert) {
  const [row] = await tx.insert(apiCredentials).values(values).returning();
  return row!;
}

export async function findApiCredentialByKeyId(db: Executor, keyId: string): Promise<ApiCredentialRow | undefined> {
  const [row] = await db.select().from(apiCredentials).where(eq(apiCredentials.keyId, keyId));
  return row;
}

export async function listApiCredentials(db: Executor, organizationId: string): Promise<ApiCredentialRow[]> {
  return db
    .select()
    .from(apiCredentials)
    .where(eq(apiCredentials.organizationId, organizationId))
    .orderBy(asc(apiCredentials.createdAt));
}

export async function revokeApiCredentialRow(tx: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(apiCredentials)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(apiCredentials.organizationId, organizationId), eq(apiCredentials.id, id), isNull(apiCredentials.revokedAt)),
    )
    .returning();
  return row;
}

export async function touchApiCredential(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiCredentials).set({ lastUsedAt: at }).where(eq(apiCredentials.id, id));
}
