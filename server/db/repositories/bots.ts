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
