import { findUserByAccessTokenHash, touchAccessToken } from '../../db/repositories/access-tokens.ts';
import { ACCESS_TOKEN_PATTERN } from '../commands/issue-access-token.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import { sha256 } from '../security/tokens.ts';
import type { User } from '../types.ts';

/** `last_used_at` is written at most this often per token, so busy integrations do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

/** The enabled user a live access token belongs to; a malformed token is refused without a query. */
export async function authenticateAccessToken(core: Core, presented: string): Promise<User | undefined> {
  if (!ACCESS_TOKEN_PATTERN.test(presented)) return undefined;
  const now = new Date();
  const found = await findUserByAccessTokenHash(core.db, sha256(presented), now);
  if (!found || found.user.disabledAt !== null) return undefined;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchAccessToken(core.db, found.token.id, now);
  }
  return toUser(found.user);
}
