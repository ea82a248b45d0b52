import type { Executor } from '../../db/client.ts';
import { insertOrganization, type OrganizationRow } from '../../db/repositories/organizations.ts';
import { runInTransaction, type Emit } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { toUser } from '../mappers.ts';
import type { User } from '../types.ts';
import { checkPassword, requireText } from '../validation.ts';
import { insertUserChecked } from './create-user.ts';

export interface CreateOrganizationInput {
  name: string;
  admin: { email: string; password: string; name?: string };
}

/** A new tenant with its first admin, who can then create everything else. */
export async function createOrganization(core: Core, input: CreateOrganizationInput): Promise<{ organizationId: string; admin: User }> {
  const passwordHash = await hashPassword(checkPassword('admin.password', input.admin.password));
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const { org, admin } = await insertOrganizationWithAdmin(tx, emit, input.name, { ...input.admin, passwordHash });
    return { organizationId: org.id, admin: toUser(admin) };
  });
}

export async function insertOrganizationWithAdmin(
  tx: Executor,
  emit: Emit,
  name: string,
  admin: { email: string; name?: string; passwordHash: string },
): Promise<{ org: OrganizationRow; admin: Awaited<ReturnType<typeof insertUserChecked>> }> {
  const org = await insertOrganization(tx, requireText('name', name, 200));
  emit({ type: 'organization.created', organizationId: org.id, payload: { organizationId: org.id, name: org.name } });
  const row = await insertUserChecked(tx, emit, org.id, {
    email: admin.email,
    name: admin.name ?? 'Admin',
    role: 'admin',
    passwordHash: admin.passwordHash,
  });
  return { org, admin: row };
}
