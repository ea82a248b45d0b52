import { deleteExpiredSessionsOfUser, insertSession } from '../../db/repositories/sessions.ts';
import { findUserByEmailAnywhere } from '../../db/repositories/users.ts';
import type { Core } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUser } from '../mappers.ts';
import { verifyPassword } from '../security/passwords.ts';
import { randomToken, sha256 } from '../security/tokens.ts';
import type { User } from '../types.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The enabled user these credentials belong to. One message for every failure, so it reveals
 * nothing. Also the password check of vendor sign-in routes, which hand out access tokens instead
 * of a console session; they must keep the same per-attempt limits as /auth/login.
 */
export async function verifyCredentials(core: Core, email: string, password: string): Promise<User> {
  const row = await findUserByEmailAnywhere(core.db, email.trim().toLowerCase());
  const passwordOk = await verifyPassword(password, row?.passwordHash ?? null);
  if (!row || !passwordOk || row.disabledAt !== null) {
    throw new DomainError('unauthorized', 'wrong e-mail or password');
  }
  return toUser(row);
}

/** Checks e-mail and password and opens a console session. */
export async function logIn(core: Core, email: string, password: string): Promise<{ user: User; token: string; expiresAt: Date }> {
  const user = await verifyCredentials(core, email, password);
  const token = randomToken(32);
  const now = new Date();
  await deleteExpiredSessionsOfUser(core.db, user.id, now);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(core.db, user.id, sha256(token), expiresAt);
  return { user, token, expiresAt };
}
