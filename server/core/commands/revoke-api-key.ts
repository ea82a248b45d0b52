import { runInTransaction } from '../../db/unit-of-work.ts';
import { revokeApiCredentialRow } from '../../db/repositories/api-credentials.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { forgetApiKey } from '../queries/authenticate-api-key.ts';

/** Revoked keys stay listed (for audit) but authenticate nothing. */
export async function revokeApiKey(core: Core, organizationId: string, apiKeyId: string): Promise<void> {
  const keyId = await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await revokeApiCredentialRow(tx, organizationId, apiKeyId);
    if (!row) throw notFound('api key not found or already revoked');
    emit({ type: 'api_key.revoked', organizationId, payload: { apiKeyId, keyId: row.keyId } });
    return row.keyId;
  });
  // After commit, so a request racing the revocation cannot re-cache the old row.
  forgetApiKey(core, keyId);
}
