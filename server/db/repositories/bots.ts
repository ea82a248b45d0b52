import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { bots } from '../schema/index.ts';

export async function findBot(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(bots)
    .where(and(eq(bots.organizationId, organizationId), eq(bots.id, id)));
  return row;
}

export type BotRow = typeof bots.$inferSelect;

export async function insertBot(tx: Executor, values: typeof bots.$inferInsert): Promise<BotRow> {
  const [row] = await tx.insert(bots).values(values).returning();
  return row!;
}

export async function listBots(db: Executor, organizationId: string): Promise<BotRow[]> {
  return db.select().from(bots).where(eq(bots.organizationId, organizationId)).orderBy(bots.createdAt);
}

export async function updateBotRow(tx: Executor, organizationId: string, id: string, changes: Partial<typeof bots.$inferInsert>): Promise<BotRow | undefined> {
  if (!isUuid(id)) return undefined;
  // An UPDATE needs a column to set; changing nothing is reading the bot as it is.
  if (Object.keys(changes).length === 0) return findBot(tx, organizationId, id);
  const [row] = await tx.update(bots).set(changes).where(and(eq(bots.organizationId, organizationId), eq(bots.id, id))).returning();
  return row;
}
