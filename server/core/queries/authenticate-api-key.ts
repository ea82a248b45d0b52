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
 */
const CACHE_TTL_MS = 10_000;
const caches = new WeakMap<Core, Map<string, { row: ApiCredentialRow | undefined; expiresAt: number }>>();

function cacheOf(core: Core) {
  let cache = caches.get(core);
  if (!cache) caches.set(core, (cache = new Map()));
  return cache;
}

async function loadCredential(core: Core, keyId: string, now: number): Promise<ApiCredentialRow | undefined> {
  const cache = cacheOf(core);
  const hit = cache.get(keyId);
  if (hit && hit.expiresAt > now) return hit.row;
  const row = await findApiCredentialByKeyId(core.db, keyId);
  cache.set(keyId, { row, expiresAt: now + CACHE_TTL_MS });
  return row;
}

/** Drops a cached key so its revocation takes effect immediately on this node. */
export function forgetApiKey(core: Core, keyId: string): void {
  cacheOf(core).delete(keyId);
}

/** The key behind a presented secret, or undefined for a malformed, unknown, revoked or forged one. */
export async function authenticateApiKey(core: Core, presented: string): Promise<ApiKey | undefined> {
  const match = API_KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const now = Date.now();
  const row = await loadCredential(core, match[1]!, now);
  if (!row || row.revokedAt !== null || !digestsEqual(row.secretHash, sha256(presented))) return undefined;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    row.lastUsedAt = new Date(now);
    await touchApiCredential(core.db, row.id, row.lastUsedAt);
  }
  return toApiKey(row);
}
