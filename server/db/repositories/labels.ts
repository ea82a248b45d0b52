import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { labels } from '../schema/index.ts';

/** The organization's label definitions (schema/labels.ts); a conversation's own labels are in conversations.ts. */

export type LabelDefinitionRow = typeof labels.$inferSelect;
export type NewLabelDefinitionRow = typeof labels.$inferInsert;

export async function insertLabelDefinition(tx: Executor, values: NewLabelDefinitionRow): Promise<LabelDefinitionRow> {
  const [row] = await tx.insert(labels).values(values).returning();
  return row!;
}

export async function updateLabelDefinitionRow(tx: Executor, organizationId: string, id: string, values: Partial<NewLabelDefinitionRow>) {
  if (!isUuid(id)) return undefined;
  const [row] = await tx
    .update(labels)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(labels.organizationId, organizationId), eq(labels.id, id)))
    .returning();
  return row;
}

/** Answers whether there was such a label. */
export async function deleteLabelDefinitionRow(tx: Executor, organizationId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const deleted = await tx
    .delete(labels)
    .where(and(eq(labels.organizationId, organizationId), eq(labels.id, id)))
    .returning({ id: labels.id });
  return deleted.length > 0;
}

/** Alphabetical, as agents pick from them. */
export async function listLabelDefinitions(db: Executor, organizationId: string): Promise<LabelDefinitionRow[]> {
  return db.select().from(labels).where(eq(labels.organizationId, organizationId)).orderBy(asc(labels.title));
}

export async function findLabelDefinitionByPublicId(db: Executor, organizationId: string, publicId: number) {
  if (!isPublicId(publicId)) return undefined;
  const [row] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.organizationId, organizationId), eq(labels.publicId, publicId)));
  return row;
}

/** Another label of the organization with this title (`exceptId` is the one being renamed). */
export async function findLabelDefinitionTitled(db: Executor, organizationId: string, title: string, exceptId?: string) {
  const conditions = [eq(labels.organizationId, organizationId), eq(labels.title, title)];
  if (exceptId) conditions.push(ne(labels.id, exceptId));
  const [row] = await db.select({ id: labels.id }).from(labels).where(and(...conditions));
  return row;
}
