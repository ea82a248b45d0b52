import { runInTransaction } from '../../db/unit-of-work.ts';
import { countActiveAdmins, findUserById, updateUserRow, type NewUserRow } from '../../db/repositories/users.ts';
import { deleteSessionsOfUser } from '../../db/repositories/sessions.ts';
import type { Core } from '../context.ts';
import { forgetAccessTokensOf } from '../queries/authenticate-access-token.ts';
import { conflict, notFound } from '../errors.ts';
import { toUser } from '../mappers.ts';
import { checkCallerMayChangeUser, type Caller } from '../scopes.ts';
import { hashPassword } from '../security/passwords.ts';
import type { Role, User, VendorData } from '../types.ts';
import { checkPassword, requireText } from '../validation.ts';

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  password?: string;
  phone?: string | null;
  alias?: string | null;
  avatarUrl?: string | null;
  maxConcurrentChats?: number;
  disabled?: boolean;
  /** Merged per dialect key: one dialect's attributes never erase another's. */
  vendorData?: VendorData;
}

/**
 * Changes a user's profile, role, password or enabled state. Disabling or a new password ends
 * their sessions. `caller` limits what an API key may do to admins (scopes.ts); none is the operator.
 */
export async function updateUser(core: Core, organizationId: string, userId: string, input: UpdateUserInput, caller?: Caller): Promise<User> {
  const passwordHash = input.password === undefined ? undefined : await hashPassword(checkPassword('password', input.password));
  const updated = await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await findUserById(tx, organizationId, userId);
    if (!current) throw notFound('user not found');
    checkCallerMayChangeUser(caller, current, input);
    const losesAdmin =
      current.role === 'admin' && current.disabledAt === null && (input.role === 'agent' || input.disabled === true);
    if (losesAdmin && (await countActiveAdmins(tx, organizationId)) <= 1) {
      throw conflict('the last active admin of an organization cannot be demoted or disabled');
    }
    const changes: Partial<NewUserRow> = {
      ...(input.name !== undefined && { name: requireText('name', input.name, 200) }),
      ...(input.role !== undefined && { role: input.role }),
      ...(passwordHash !== undefined && { passwordHash }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.alias !== undefined && { alias: input.alias }),
      ...(input.avatarUrl !== undefined && { avatarUrl: input.avatarUrl }),
      ...(input.maxConcurrentChats !== undefined && { maxConcurrentChats: input.maxConcurrentChats }),
      ...(input.disabled !== undefined && { disabledAt: input.disabled ? (current.disabledAt ?? new Date()) : null }),
      ...(input.vendorData !== undefined && { vendorData: { ...current.vendorData, ...input.vendorData } }),
    };
    const row = await updateUserRow(tx, organizationId, userId, changes);
    if (passwordHash !== undefined || input.disabled === true) await deleteSessionsOfUser(tx, userId);
    const changed = Object.keys(changes).map((key) => (key === 'passwordHash' ? 'password' : key));
    emit({ type: 'user.updated', organizationId, userId, payload: { userId, changes: changed } });
    return toUser(row!);
  });
  // After the commit, so no request can cache the user as it was before.
  if (input.disabled === true) forgetAccessTokensOf(core, userId);
  return updated;
}
