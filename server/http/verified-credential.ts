import type { FastifyRequest } from 'fastify';
import type { Core } from '../core/context.ts';
import { authenticateApiKey } from '../core/queries/authenticate-api-key.ts';
import { liveSessionUser } from './plugins/native-auth.ts';

/**
 * Every place an API reads an API key: `Authorization` (the native "Bearer <key>", SnapEngage's
 * bare token), SnapEngage's `x-api-key` header and `api_key` query parameter. A dialect that reads
 * a key elsewhere adds the place here, or its callers only ever get the anonymous allowance.
 */
function presentedApiKeys(request: FastifyRequest): string[] {
  const query = request.query as Record<string, unknown> | undefined;
  const candidates = [request.headers.authorization?.replace(/^Bearer\s+/i, ''), request.headers['x-api-key'], query?.api_key];
  return candidates.filter((candidate): candidate is string => typeof candidate === 'string');
}

/**
 * Whether the request carries a credential that authenticates: an API key (any scope, any
 * organization) or a live console session. Both lookups are the routes' own (the key cache,
 * the per-request session lookup), so asking here adds no database work to a genuine request;
 * malformed values are refused on their shape without a query.
 */
export async function carriesVerifiedCredential(core: Core, request: FastifyRequest): Promise<boolean> {
  for (const key of presentedApiKeys(request)) if (await authenticateApiKey(core, key)) return true;
  return (await liveSessionUser(core, request)) !== undefined;
}
