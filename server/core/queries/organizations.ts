import { findOrganization } from '../../db/repositories/organizations.ts';
import type { Core } from '../context.ts';

export interface Organization {
  id: string;
  name: string;
  /** Numeric id for APIs that expect a long (SnapEngage's `org`). */
  accountNumber: number;
}

export async function getOrganization(core: Core, organizationId: string): Promise<Organization | undefined> {
  const row = await findOrganization(core.db, organizationId);
  return row && { id: row.id, name: row.name, accountNumber: row.accountNumber };
}
