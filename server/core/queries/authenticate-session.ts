import { findUserBySessionHash } from '../../db/repositories/sessions.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import { sha256 } from '../security/tokens.ts';
import type { User } from '../types.ts';

/** What logIn hands out (32 random bytes, base64url): anything else is refused without a query. */
const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The enabled user behind a session cookie value, if the session is live. */
export async function authenticateSession(core: Core, token: string): Promise<User | undefined> {
  if (!SESSION_TOKEN_PATTERN.test(token)) return undefined;
  const row = await findUserBySessionHash(core.db, sha256(token), new Date());
  return row && row.disabledAt === null ? toUser(row) : undefined;
}
