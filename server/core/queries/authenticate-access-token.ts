import { LruMap } from 'toad-cache';
import { findUserByAccessTokenHash, touchAccessToken } from '../../db/repositories/access-tokens.ts';
import { ACCESS_TOKEN_PATTERN } from '../access-token-format.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import { sha256 } from '../security/tokens.ts';
import type { User } from '../types.ts';
import { toOrganization, type Organization } from './organizations.ts';

/** `last_used_at` is written at most this often per token, so busy integrations do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * Live tokens are cached briefly, with their user and organization, as API keys are
 * (authenticate-api-key.ts): a backend sends its token with every request, and the lookups would
 * otherwise be queries of their own on each (and another for the rate limiter's check).
 * Regenerating, disabling or deleting on this node forgets the user's cached tokens at once, and
 * changing the organization forgets its members' (forgetAccessTokensOf); other nodes honour it
 * within the TTL. Only live tokens are cached, in a bounded LRU, so made-up tokens cannot grow memory.
 */
const CACHE_TTL_MS = 10_000;
const MAX_CACHED_TOKENS = 10_000;

type Found = NonNullable<Awaited<ReturnType<typeof findUserByAccessTokenHash>>>;

interface TokenCache {
  tokens: LruMap<{ found: Found; cachedAt: number }>;
  /** When each user or organization last changed here (by its uuid): entries cached before that are stale. */
  changedAt: Map<string, number>;
}
const caches = new WeakMap<Core, TokenCache>();

function cacheOf(core: Core): TokenCache {
  let cache = caches.get(core);
  if (!cache) {
    cache = { tokens: new LruMap(MAX_CACHED_TOKENS, CACHE_TTL_MS), changedAt: new Map() };
    caches.set(core, cache);
  }
  return cache;
}

/**
 * Makes this node read tokens again: a user's (by their uuid) after revoking any of them or
 * disabling the user, or every member's of an organization (by its uuid) after changing it.
 */
export function forgetAccessTokensOf(core: Core, userOrOrganizationId: string): void {
  const cache = cacheOf(core);
  cache.changedAt.set(userOrOrganizationId, Date.now());
  // A marker older than the TTL can no longer outrank a cached entry: drop such markers as they pass.
  for (const [id, at] of cache.changedAt) if (Date.now() - at > CACHE_TTL_MS) cache.changedAt.delete(id);
}

const changedSince = (cache: TokenCache, id: string, cachedAt: number) => (cache.changedAt.get(id) ?? 0) >= cachedAt;

async function loadToken(core: Core, tokenHash: string, now: Date): Promise<Found | undefined> {
  const cache = cacheOf(core);
  const hit = cache.tokens.get(tokenHash);
  const stale = hit && (changedSince(cache, hit.found.user.id, hit.cachedAt) || changedSince(cache, hit.found.organization.id, hit.cachedAt));
  if (hit && !stale && (hit.found.token.expiresAt === null || hit.found.token.expiresAt > now)) return hit.found;
  const found = await findUserByAccessTokenHash(core.db, tokenHash, now);
  if (found) cache.tokens.set(tokenHash, { found, cachedAt: Date.now() });
  else cache.tokens.delete(tokenHash);
  return found;
}

/** Who presents a live access token: the user and their organization. */
export interface AccessTokenHolder {
  user: User;
  organization: Organization;
}

/** The enabled user a live access token belongs to; a malformed token is refused without a query. */
export async function authenticateAccessToken(core: Core, presented: string): Promise<AccessTokenHolder | undefined> {
  if (!ACCESS_TOKEN_PATTERN.test(presented)) return undefined;
  const now = new Date();
  const found = await loadToken(core, sha256(presented), now);
  if (!found || found.user.disabledAt !== null) return undefined;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    found.token.lastUsedAt = now;
    await touchAccessToken(core.db, found.token.id, now);
  }
  return { user: toUser(found.user), organization: toOrganization(found.organization) };
}
