import { findCannedResponseByPublicId, listCannedResponses, type CannedResponseRow } from '../../db/repositories/canned-responses.ts';
import type { Core } from '../context.ts';
import { parsePublicId, type PublicIdInput } from './public-ids.ts';

/** A ready-made reply agents insert by its short code. */
export interface CannedResponse {
  id: string;
  /** The integer id vendor APIs use (Chatwoot's canned response id). */
  publicId: number;
  organizationId: string;
  shortCode: string;
  content: string;
  createdAt: Date;
  updatedAt: Date;
}

export const toCannedResponse = (row: CannedResponseRow): CannedResponse => ({
  id: row.id,
  publicId: row.publicId,
  organizationId: row.organizationId,
  shortCode: row.shortCode,
  content: row.content,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** All of them in creation order, or those matching `search` (short code or content, any case), best match first. */
export async function getCannedResponses(core: Core, organizationId: string, search?: string): Promise<CannedResponse[]> {
  const text = search?.trim();
  return (await listCannedResponses(core.db, organizationId, text ? text : undefined)).map(toCannedResponse);
}

export async function getCannedResponseByPublicId(core: Core, organizationId: string, publicId: PublicIdInput): Promise<CannedResponse | undefined> {
  const row = await findCannedResponseByPublicId(core.db, organizationId, parsePublicId(publicId));
  return row && toCannedResponse(row);
}
