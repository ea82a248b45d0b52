import { findOrganization, type OrganizationRow } from '../../db/repositories/organizations.ts';
import type { Core } from '../context.ts';

export interface Organization {
  id: string;
  name: string;
  /** Numeric id for APIs that expect a long (SnapEngage's `org`). */
  accountNumber: number;
  /** Visitors may ask for the chat transcript by e-mail (the admin's switch; widgets have their own). */
  transcriptsEnabled: boolean;
}

export const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  accountNumber: row.accountNumber,
  transcriptsEnabled: row.transcriptsEnabled,
});

export async function getOrganization(core: Core, organizationId: string): Promise<Organization | undefined> {
  const row = await findOrganization(core.db, organizationId);
  return row && toOrganization(row);
}
