import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { externalReferences } from '../schema/index.ts';
import type { ExternalReferenceKey, ExternalReferenceRow } from './external-references.ts';

/** Replaces what a reference carries besides its key; undefined when the organization has no such reference. */
export async function replaceExternalReferenceData(
  tx: Executor,
  organizationId: string,
  key: ExternalReferenceKey,
  data: Record<string, unknown>,
): Promise<ExternalReferenceRow | undefined> {
  const [row] = await tx
    .update(externalReferences)
    .set({ data })
    .where(
      and(
        eq(externalReferences.organizationId, organizationId),
        eq(externalReferences.dialect, key.dialect),
        eq(externalReferences.kind, key.kind),
        eq(externalReferences.scope, key.scope),
        eq(externalReferences.value, key.value),
      ),
    )
    .returning();
  return row;
}
