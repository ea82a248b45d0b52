import { deleteAccessTokens, insertAccessToken } from '../../db/repositories/access-tokens.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import { ACCESS_TOKEN_PREFIX } from '../access-token-format.ts';
import type { Core } from '../context.ts';
import { forgetAccessTokensOf } from '../queries/authenticate-access-token.ts';
import { notFound } from '../errors.ts';
import { randomToken, sha256 } from '../security/tokens.ts';


export interface IssuedAccessToken {
  /** Shown in this answer only; the server keeps its hash. */
  token: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/**
 * A user's access token for APIs that authenticate a person by token (Chatwoot's
 * `api_access_token`). `personal`: replaces the user's previous personal token (regenerating
 * revokes it at once). `sign_in`: one more token that expires after `ttlMs`, handed out by a
 * vendor's sign-in route, so signing in neither reveals nor replaces the personal token.
 */
export async function issueAccessToken(
  core: Core,
  organizationId: string,
  userId: string,
  kind: 'personal' | 'sign_in',
  ttlMs?: number,
): Promise<IssuedAccessToken> {
  const user = await findUserById(core.db, organizationId, userId);
  if (!user) throw notFound('user not found');
  const token = `${ACCESS_TOKEN_PREFIX}${randomToken(32)}`;
  const createdAt = new Date();
  const expiresAt = kind === 'sign_in' ? new Date(createdAt.getTime() + (ttlMs ?? 0)) : null;
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (kind === 'personal') await deleteAccessTokens(tx, userId, 'personal', createdAt);
    await insertAccessToken(tx, { organizationId, userId, kind, tokenHash: sha256(token), createdAt, expiresAt });
  });
  if (kind === 'personal') forgetAccessTokensOf(core, userId);
  return { token, createdAt, expiresAt };
}
