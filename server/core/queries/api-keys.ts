import { listApiCredentials } from '../../db/repositories/api-credentials.ts';
import type { Core } from '../context.ts';
import { toApiKey } from '../mappers.ts';
import type { ApiKey } from '../types.ts';

export async function getApiKeys(core: Core, organizationId: string): Promise<ApiKey[]> {
  return (await listApiCredentials(core.db, organizationId)).map(toApiKey);
}
