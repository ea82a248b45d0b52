import type { Executor } from '../../db/client.ts';
import { runInTransaction, type Emit } from '../../db/unit-of-work.ts';
import { insertApiCredential } from '../../db/repositories/api-credentials.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toApiKey } from '../mappers.ts';
import { checkCallerMayGrant, isApiScope, type ApiScope, type Caller } from '../scopes.ts';
import { randomHex, randomToken, sha256 } from '../security/tokens.ts';
import type { ApiKey } from '../types.ts';
import { requireText } from '../validation.ts';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full secret: returned once, never stored. */
  secret: string;
}

/** Key format `sbk_<12 hex>_<43 base64url>`: the middle part finds the row, the whole is hashed. */
export const API_KEY_PATTERN = /^sbk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** A key made by an API key `caller` holds at most that key's scopes (scopes.ts); no caller is the operator. */
export async function createApiKey(core: Core, organizationId: string, name: string, scopes: string[], caller?: Caller): Promise<CreatedApiKey> {
  return runInTransaction(core.db, core.bus, (tx, emit) => insertApiKey(tx, emit, organizationId, name, scopes, caller));
}

export async function insertApiKey(
  tx: Executor,
  emit: Emit,
  organizationId: string,
  name: string,
  scopes: string[],
  caller?: Caller,
): Promise<CreatedApiKey> {
  if (scopes.length === 0) throw invalid('scopes', 'scopes must name at least one scope');
  const unknown = scopes.find((s) => !isApiScope(s));
  if (unknown !== undefined) throw invalid('scopes', `unknown scope "${unknown}"`);
  checkCallerMayGrant(caller, scopes as ApiScope[]);
  const keyId = randomHex(6);
  const secret = `sbk_${keyId}_${randomToken(32)}`;
  const row = await insertApiCredential(tx, {
    organizationId,
    name: requireText('name', name, 200),
    keyId,
    secretHash: sha256(secret),
    scopes: [...new Set(scopes as ApiScope[])],
  });
  emit({ type: 'api_key.created', organizationId, payload: { apiKeyId: row.id, keyId, scopes: row.scopes } });
  return { apiKey: toApiKey(row), secret };
}
