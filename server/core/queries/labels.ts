import { findLabelDefinitionByPublicId, listLabelDefinitions, type LabelDefinitionRow } from '../../db/repositories/labels.ts';
import type { Core } from '../context.ts';
import { parsePublicId, type PublicIdInput } from './public-ids.ts';

/** A label the organization defined (Chatwoot's account label): a known name with its colour. */
export interface LabelDefinition {
  id: string;
  /** The integer id vendor APIs use (Chatwoot's label id). */
  publicId: number;
  organizationId: string;
  title: string;
  description: string | null;
  /** `#RRGGBB`. */
  color: string;
  showOnSidebar: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const toLabelDefinition = (row: LabelDefinitionRow): LabelDefinition => ({
  id: row.id,
  publicId: row.publicId,
  organizationId: row.organizationId,
  title: row.title,
  description: row.description,
  color: row.color,
  showOnSidebar: row.showOnSidebar,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The organization's labels, alphabetical. */
export async function getLabelDefinitions(core: Core, organizationId: string): Promise<LabelDefinition[]> {
  return (await listLabelDefinitions(core.db, organizationId)).map(toLabelDefinition);
}

export async function getLabelDefinitionByPublicId(core: Core, organizationId: string, publicId: PublicIdInput): Promise<LabelDefinition | undefined> {
  const row = await findLabelDefinitionByPublicId(core.db, organizationId, parsePublicId(publicId));
  return row && toLabelDefinition(row);
}
