import { findApiCredentialByKeyId, touchApiCredential } from '../../db/repositories/api-credentials.ts';
import { API_KEY_PATTERN } from '../commands/create-api-key.ts';
import type { Core } from '../context.ts';
import { toApiKey } from '../mappers.ts';
import { digestsEqual, sha256 } from '../security/tokens.ts';
import type { ApiKey } from '../types.ts';

/** Only bump last_used_at once a minute per key, so authentication stays a read on hot paths. */
const TOUCH_INTERVAL_MS = 60_000;

/** The key behind a presented secret, or undefined for a malformed, unknown, revoked or forged one. */
export async function authenticateApiKey(core: Core, presented: string): Promise<ApiKey | undefined> {
  const match = API_KEY_PATTERN.exec(presented);
  if (!match) return undefined;
  const row = await findApiCredentialByKeyId(core.db, match[1]!);
  if (!row || row.revokedAt !== null || !digestsEqual(row.secretHash, sha256(presented))) return undefined;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiCredential(core.db, row.id, now);
  }
  return toApiKey(row);
}
