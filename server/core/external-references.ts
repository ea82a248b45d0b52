import {
  findExternalReferenceRow,
  insertOrFindExternalReference,
  listExternalReferenceRows,
  replaceExternalReferenceData,
  type ExternalReferenceKey,
  type ExternalReferenceRow,
} from '../db/repositories/external-references.ts';
import type { Core } from './context.ts';
import { conflict, notFound } from './errors.ts';

export type { ExternalReferenceKey };

/**
 * A vendor's name for one of our entities, kept for its dialect (docs/adding-a-dialect.md):
 * Chatwoot's `source_id` of a contact's session in an inbox, its `pubsub_token`, an external chat
 * server's chat id. Dialects keep such names only through this pair of functions, never in
 * tables of their own, so every vendor reference is tenant-scoped, unique and found the same way.
 */
export interface ExternalReference extends ExternalReferenceKey {
  organizationId: string;
  /** Our entity's uuid (a contact, conversation, user …; the kind says which). */
  entityId: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

function toReference(row: ExternalReferenceRow): ExternalReference {
  const { id: _id, ...reference } = row;
  return reference;
}

/**
 * Records that `key` names `entityId` in the organization. Idempotent: the same key for the same
 * entity answers the stored reference (its first `data` kept); a key already naming another
 * entity, or taken in another organization, is a 409 (the dialect words it for its API).
 */
export async function rememberExternalReference(
  core: Core,
  organizationId: string,
  key: ExternalReferenceKey,
  entityId: string,
  data: Record<string, unknown> = {},
): Promise<ExternalReference> {
  const row = await insertOrFindExternalReference(core.db, { organizationId, ...key, entityId, data });
  if (!row || row.organizationId !== organizationId || row.entityId !== entityId) throw conflict(`${key.kind} "${key.value}" is already taken`, key.kind);
  return toReference(row);
}

/** The reference `key` names in the organization, or undefined (other organizations' keys included). */
export async function findExternalReference(core: Core, organizationId: string, key: ExternalReferenceKey): Promise<ExternalReference | undefined> {
  const row = await findExternalReferenceRow(core.db, organizationId, key);
  return row && toReference(row);
}

/** Every reference of one kind a dialect keeps for an entity, oldest first. */
export async function listExternalReferences(core: Core, organizationId: string, dialect: string, kind: string, entityId: string): Promise<ExternalReference[]> {
  return (await listExternalReferenceRows(core.db, organizationId, dialect, kind, entityId)).map(toReference);
}

/**
 * Replaces the vendor settings a reference carries (e.g. a Chatwoot webhook's name and the event
 * names it subscribed to, which our subscription has no columns for); its key and entity stay.
 */
export async function updateExternalReferenceData(core: Core, organizationId: string, key: ExternalReferenceKey, data: Record<string, unknown>): Promise<ExternalReference> {
  const row = await replaceExternalReferenceData(core.db, organizationId, key, data);
  if (!row) throw notFound(`${key.kind} "${key.value}" not found`);
  return toReference(row);
}
