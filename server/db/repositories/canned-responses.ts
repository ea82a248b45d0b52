import { and, asc, desc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { cannedResponses } from '../schema/index.ts';

export type CannedResponseRow = typeof cannedResponses.$inferSelect;
export type NewCannedResponseRow = typeof cannedResponses.$inferInsert;

export async function insertCannedResponse(tx: Executor, values: NewCannedResponseRow): Promise<CannedResponseRow> {
  const [row] = await tx.insert(cannedResponses).values(values).returning();
  return row!;
}

export async function updateCannedResponseRow(tx: Executor, organizationId: string, id: string, values: Partial<NewCannedResponseRow>) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(cannedResponses)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(cannedResponses.organizationId, organizationId), eq(cannedResponses.id, id)))
    .returning();
  return row;
}

/** Answers whether there was such a response. */
export async function deleteCannedResponseRow(tx: Executor, organizationId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await tx
    .delete(cannedResponses)
    .where(and(eq(cannedResponses.organizationId, organizationId), eq(cannedResponses.id, id)))
    .returning({ id: cannedResponses.id });
  return deleted.length > 0;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * In creation order; with `search`, those whose short code or content contain it (any case), the
 * best first: short code starting with it, then short code containing it, then content (Chatwoot's
 * `order_by_search`), so typing `/ref` offers `refund` before a reply that mentions refunds.
 */
export async function listCannedResponses(db: Executor, organizationId: string, search?: string): Promise<CannedResponseRow[]> {
  if (search === undefined) {
    return db.select().from(cannedResponses).where(eq(cannedResponses.organizationId, organizationId)).orderBy(asc(cannedResponses.publicId));
  }
  const contains = `%${escapeLike(search)}%`;
  const rank = sql`case when ${cannedResponses.shortCode} ilike ${`${escapeLike(search)}%`} then 2 when ${cannedResponses.shortCode} ilike ${contains} then 1 else 0 end`;
  return db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.organizationId, organizationId), or(ilike(cannedResponses.shortCode, contains), ilike(cannedResponses.content, contains))))
    .orderBy(desc(rank), asc(cannedResponses.publicId));
}

export async function findCannedResponseByPublicId(db: Executor, organizationId: string, publicId: number) {
  if (!isPublicId(publicId)) return undefined;
  const [row] = await db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.organizationId, organizationId), eq(cannedResponses.publicId, publicId)));
  return row;
}

/** Another response of the organization with this short code (`exceptId` is the one being changed). */
export async function findCannedResponseWithShortCode(db: Executor, organizationId: string, shortCode: string, exceptId?: string) {
  const conditions = [eq(cannedResponses.organizationId, organizationId), eq(cannedResponses.shortCode, shortCode)];
  if (exceptId) conditions.push(ne(cannedResponses.id, exceptId));
  const [row] = await db.select({ id: cannedResponses.id }).from(cannedResponses).where(and(...conditions));
  return row;
}
