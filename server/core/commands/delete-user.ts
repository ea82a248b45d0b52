import { runInTransaction } from '../../db/unit-of-work.ts';
import { countActiveAdmins, deleteUserRow, findUserById } from '../../db/repositories/users.ts';
import type { Core } from '../context.ts';
import { forgetAccessTokensOf } from '../queries/authenticate-access-token.ts';
import { conflict, notFound } from '../errors.ts';
import { checkCallerMayDeleteUser, type Caller } from '../scopes.ts';

/**
 * Removes a user. Their widget memberships go with them; messages they sent keep
 * the alias they were sent under. The last active admin cannot be removed, and no API key
 * removes an admin (scopes.ts); no `caller` is the operator.
 */
export async function deleteUser(core: Core, organizationId: string, userId: string, caller?: Caller): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const user = await findUserById(tx, organizationId, userId);
    if (!user) throw notFound('user not found');
    checkCallerMayDeleteUser(caller, user);
    if (user.role === 'admin' && user.disabledAt === null && (await countActiveAdmins(tx, organizationId)) <= 1) {
      throw conflict('the last active admin of an organization cannot be deleted');
    }
    await deleteUserRow(tx, organizationId, userId);
    emit({ type: 'user.deleted', organizationId, userId, payload: { userId, email: user.email } });
  });
  forgetAccessTokensOf(core, userId);
}
