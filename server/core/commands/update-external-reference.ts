import { replaceExternalReferenceData } from '../../db/repositories/external-reference-data.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import type { ExternalReference, ExternalReferenceKey } from '../external-references.ts';

/**
 * Replaces the vendor settings a reference carries (e.g. a Chatwoot webhook's name and the event
 * names it subscribed to, which our subscription has no columns for); its key and entity stay.
 */
export async function updateExternalReferenceData(core: Core, organizationId: string, key: ExternalReferenceKey, data: Record<string, unknown>): Promise<ExternalReference> {
  const row = await replaceExternalReferenceData(core.db, organizationId, key, data);
  if (!row) throw notFound(`${key.kind} "${key.value}" not found`);
  const { id: _id, ...reference } = row;
  return reference;
}
