import { insertOrFindExternalReference, listExternalReferenceRows } from '../../db/repositories/external-references.ts';
import { takeNextPublicId } from '../../db/repositories/public-id-counters.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import type { ExternalReference } from '../external-references.ts';

/**
 * A vendor's integer id for one of our entities that has no integer column (Chatwoot's webhook
 * id for a subscription): counted 1, 2, 3 … per organization, like users', widgets' and contacts'
 * public ids, under the counter `<dialect>.<kind>`, and kept as the external reference
 * `{dialect, kind, scope: organizationId, value: "<n>"}` so it is found from either side
 * (findExternalReference by number, listExternalReferences by entity). Idempotent: an entity
 * already numbered keeps its number. The counter is taken first because its row lock
 * serializes callers: a second call for the same entity then sees the first one's reference.
 */
export async function numberEntity(
  core: Core,
  organizationId: string,
  kind: { dialect: string; kind: string },
  entityId: string,
  data: Record<string, unknown> = {},
): Promise<ExternalReference> {
  return runInTransaction(core.db, core.bus, async (tx) => {
    const next = await takeNextPublicId(tx, organizationId, `${kind.dialect}.${kind.kind}`);
    const [existing] = await listExternalReferenceRows(tx, organizationId, kind.dialect, kind.kind, entityId);
    const row = existing ?? (await insertOrFindExternalReference(tx, { organizationId, ...kind, scope: organizationId, value: String(next), entityId, data }));
    const { id: _id, ...reference } = row!;
    return reference;
  });
}
