import { LruMap } from 'toad-cache';
import { findUserByAccessTokenHash, touchAccessToken } from '../../db/repositories/access-tokens.ts';
import { ACCESS_TOKEN_PATTERN } from '../access-token-format.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import { sha256 } from '../security/tokens.ts';
import type { User } from '../types.ts';

/** `last_used_at` is written at most this often per token, so busy integrations do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * Live tokens are cached briefly, as API keys are (authenticate-api-key.ts): a backend sends its
 * token with every request, and the lookup would otherwise be a query of its own on each (and
 * another for the rate limiter's check). Regenerating, disabling or deleting on this node forgets
 * the user's cached tokens at once (forgetAccessTokensOf); other nodes honour it within the TTL.
 * Only live tokens are cached, in a bounded LRU, so made-up tokens cannot grow memory.
 */
const CACHE_TTL_MS = 10_000;
const MAX_CACHED_TOKENS = 10_000;

type Found = NonNullable<Awaited<ReturnType<typeof findUserByAccessTokenHash>>>;

interface TokenCache {
  tokens: LruMap<{ found: Found; cachedAt: number }>;
  /** When each user's tokens were last revoked here: entries cached before that are stale. */
  revokedAt: Map<string, number>;
}
const caches = new WeakMap<Core, TokenCache>();

function cacheOf(core: Core): TokenCache {
  let cache = caches.get(core);
  if (!cache) {
    cache = { tokens: new LruMap(MAX_CACHED_TOKENS, CACHE_TTL_MS), revokedAt: new Map() };
    caches.set(core, cache);
  }
  return cache;
}

/** Makes this node read the user's tokens again: call after revoking any of them or disabling the user. */
export function forgetAccessTokensOf(core: Core, userId: string): void {
  const cache = cacheOf(core);
  cache.revokedAt.set(userId, Date.now());
  // A marker older than the TTL can no longer outrank a cached entry: drop such markers as they pass.
  for (const [id, at] of cache.revokedAt) if (Date.now() - at > CACHE_TTL_MS) cache.revokedAt.delete(id);
}

async function loadToken(core: Core, tokenHash: string, now: Date): Promise<Found | undefined> {
  const cache = cacheOf(core);
  const hit = cache.tokens.get(tokenHash);
  const stale = hit && (cache.revokedAt.get(hit.found.user.id) ?? 0) >= hit.cachedAt;
  if (hit && !stale && (hit.found.token.expiresAt === null || hit.found.token.expiresAt > now)) return hit.found;
  const found = await findUserByAccessTokenHash(core.db, tokenHash, now);
  if (found) cache.tokens.set(tokenHash, { found, cachedAt: Date.now() });
  else cache.tokens.delete(tokenHash);
  return found;
}

/** The enabled user a live access token belongs to; a malformed token is refused without a query. */
export async function authenticateAccessToken(core: Core, presented: string): Promise<User | undefined> {
  if (!ACCESS_TOKEN_PATTERN.test(presented)) return undefined;
  const now = new Date();
  const found = await loadToken(core, sha256(presented), now);
  if (!found || found.user.disabledAt !== null) return undefined;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    found.token.lastUsedAt = now;
    await touchAccessToken(core.db, found.token.id, now);
  }
  return toUser(found.user);
}
