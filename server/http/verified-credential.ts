import type { FastifyRequest } from 'fastify';
import type { Core } from '../core/context.ts';
import { ACCESS_TOKEN_PATTERN } from '../core/access-token-format.ts';
import { authenticateAccessToken } from '../core/queries/authenticate-access-token.ts';
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
 * Every place an API reads a person's access token: Chatwoot's `api_access_token` header (and
 * `api-access-token`, which survives proxies that drop underscores) and `Authorization: Bearer`.
 */
function presentedAccessTokens(request: FastifyRequest): string[] {
  const headers = request.headers;
  const candidates = [headers.api_access_token, headers['api-access-token'], headers.authorization?.replace(/^Bearer\s+/i, '')];
  return candidates.filter((candidate): candidate is string => typeof candidate === 'string' && ACCESS_TOKEN_PATTERN.test(candidate.trim()));
}

/**
 * Whether the request carries a credential that authenticates: an API key (any scope, any
 * organization), a person's access token or a live console session. The lookups are the routes'
 * own (the key and token caches, the per-request session lookup), so asking here adds no database
 * work to a genuine request; malformed values are refused on their shape without a query.
 */
export async function carriesVerifiedCredential(core: Core, request: FastifyRequest): Promise<boolean> {
  for (const key of presentedApiKeys(request)) if (await authenticateApiKey(core, key)) return true;
  for (const token of presentedAccessTokens(request)) if (await authenticateAccessToken(core, token.trim())) return true;
  return (await liveSessionUser(core, request)) !== undefined;
}
