import { LruMap } from 'toad-cache';
import { findApiCredentialByKeyId, touchApiCredential, type ApiCredentialRow } from '../../db/repositories/api-credentials.ts';
import { API_KEY_PATTERN } from '../commands/create-api-key.ts';
import type { Core } from '../context.ts';
import { toApiKey } from '../mappers.ts';
import { digestsEqual, sha256 } from '../security/tokens.ts';
import type { ApiKey } from '../types.ts';

/** Only bump last_used_at once a minute per key, so authentication stays a read on hot paths. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * Key rows are cached briefly: vendor APIs send the key on every request, and the
 * lookup would otherwise be half of a simple request's database work. A revocation
 * on this node clears the entry at once; other nodes honour it within the TTL.
 * Both caches are bounded LRUs (toad-cache, which fastify already uses for the same job).
 * Ids that named no key are kept apart and fewer, so a flood of made-up ids (each
 * costs one lookup) can neither grow memory nor push real keys out of the cache.
 */
const CACHE_TTL_MS = 10_000;
/** Far more keys than an installation uses in ten seconds; past it the least recently used is read again. */
const MAX_CACHED_KEYS = 10_000;
const MAX_CACHED_UNKNOWN_IDS = 1_000;

interface KeyCache {
  known: LruMap<ApiCredentialRow>;
  unknown: LruMap<true>;
}
const caches = new WeakMap<Core, KeyCache>();

function cacheOf(core: Core): KeyCache {
  let cache = caches.get(core);
  if (!cache) {
    cache = { known: new LruMap(MAX_CACHED_KEYS, CACHE_TTL_MS), unknown: new LruMap(MAX_CACHED_UNKNOWN_IDS, CACHE_TTL_MS) };
    caches.set(core, cache);
  }
  return cache;
}

async function loadCredential(core: Core, keyId: string): Promise<ApiCredentialRow | undefined> {
  const cache = cacheOf(core);
  const hit = cache.known.get(keyId);
  if (hit || cache.unknown.get(keyId)) return hit;
  const row = await findApiCredentialByKeyId(core.db, keyId);
  if (row) cache.known.set(keyId, row);
  else cache.unknown.set(keyId, true);
  return row;
}

/** Drops a cached key so its revocation takes effect immediately on this node. */
export function forgetApiKey(core: Core, keyId: string): void {
  cacheOf(core).known.delete(keyId);
}

/** How many key ids the cache holds (known keys, unknown ids); for tests of its bounds. */
export function cachedApiKeyIds(core: Core): { known: number; unknown: number } {
  const { known, unknown } = cacheOf(core);
  return { known: known.size, unknown: unknown.size };
}

/** The key behind a presented secret, or undefined for a malformed, unknown, revoked or forged one. */
export async function authenticateApiKey(core: Core, presented: string): Promise<ApiKey | undefined> {
  const match = API_KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const now = Date.now();
  const row = await loadCredential(core, match[1]!);
  if (!row || row.revokedAt !== null || !digestsEqual(row.secretHash, sha256(presented))) return undefined;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    row.lastUsedAt = new Date(now);
    await touchApiCredential(core.db, row.id, row.lastUsedAt);
  }
  return toApiKey(row);
}
