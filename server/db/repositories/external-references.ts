import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { externalReferences } from '../schema/index.ts';

export type ExternalReferenceRow = typeof externalReferences.$inferSelect;
export type NewExternalReference = typeof externalReferences.$inferInsert;

/** What names one reference: the vendor's value within its kind and scope. */
export interface ExternalReferenceKey {
  dialect: string;
  kind: string;
  scope: string;
  value: string;
}

const matches = (organizationId: string, key: ExternalReferenceKey) =>
  and(
    eq(externalReferences.organizationId, organizationId),
    eq(externalReferences.dialect, key.dialect),
    eq(externalReferences.kind, key.kind),
    eq(externalReferences.scope, key.scope),
    eq(externalReferences.value, key.value),
  );

/** Inserts the reference unless its key is taken; answers the row that holds the key either way. */
export async function insertOrFindExternalReference(tx: Executor, values: NewExternalReference & ExternalReferenceKey): Promise<ExternalReferenceRow | undefined> {
  const [inserted] = await tx.insert(externalReferences).values(values).onConflictDoNothing().returning();
  if (inserted) return inserted;
  // Taken, perhaps by another organization: look the key up without the tenant filter, so the caller can tell.
  const [existing] = await tx
    .select()
    .from(externalReferences)
    .where(and(eq(externalReferences.dialect, values.dialect), eq(externalReferences.kind, values.kind), eq(externalReferences.scope, values.scope), eq(externalReferences.value, values.value)));
  return existing;
}

/** Replaces what a reference carries besides its key; undefined when the organization has no such reference. */
export async function replaceExternalReferenceData(
  tx: Executor,
  organizationId: string,
  key: ExternalReferenceKey,
  data: Record<string, unknown>,
): Promise<ExternalReferenceRow | undefined> {
  const [row] = await tx.update(externalReferences).set({ data }).where(matches(organizationId, key)).returning();
  return row;
}

export async function findExternalReferenceRow(db: Executor, organizationId: string, key: ExternalReferenceKey): Promise<ExternalReferenceRow | undefined> {
  const [row] = await db.select().from(externalReferences).where(matches(organizationId, key));
  return row;
}

/** A dialect's references of one kind to one entity (e.g. a contact's sessions in every inbox), oldest first. */
export async function listExternalReferenceRows(db: Executor, organizationId: string, dialect: string, kind: string, entityId: string): Promise<ExternalReferenceRow[]> {
  return db
    .select()
    .from(externalReferences)
    .where(and(eq(externalReferences.organizationId, organizationId), eq(externalReferences.dialect, dialect), eq(externalReferences.kind, kind), eq(externalReferences.entityId, entityId)))
    .orderBy(externalReferences.createdAt);
}

/** Forgets every reference any dialect keeps to an entity (it is being deleted). */
export async function deleteExternalReferencesOf(tx: Executor, organizationId: string, entityId: string): Promise<void> {
  await tx.delete(externalReferences).where(and(eq(externalReferences.organizationId, organizationId), eq(externalReferences.entityId, entityId)));
}
