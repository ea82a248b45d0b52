import { deleteAccessTokens, insertAccessToken } from '../../db/repositories/access-tokens.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { randomToken, sha256 } from '../security/tokens.ts';

/** The prefix lets secret scanners and readers recognise the string; the rest is 256 random bits. */
const TOKEN_PREFIX = 'sbt_';
export const ACCESS_TOKEN_PATTERN = /^sbt_[A-Za-z0-9_-]{43}$/;

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
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const createdAt = new Date();
  const expiresAt = kind === 'sign_in' ? new Date(createdAt.getTime() + (ttlMs ?? 0)) : null;
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (kind === 'personal') await deleteAccessTokens(tx, userId, 'personal', createdAt);
    await insertAccessToken(tx, { organizationId, userId, kind, tokenHash: sha256(token), createdAt, expiresAt });
  });
  return { token, createdAt, expiresAt };
}
