import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { type ApiKey, type ApiScope, authenticateApiKey, type Core, DomainError } from '../kit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by an API-key hook: the organization's key that authenticated this request. */
    apiKey?: ApiKey;
  }
}

/** Where a route reads its key, and what error messages call it. */
export interface KeySource {
  name: string;
  read: (request: FastifyRequest) => string | undefined;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** SnapEngage passes keys in three ways depending on the API; each route says which. */
export const keyFromQuery: KeySource = {
  name: 'api_key',
  read: (request) => {
    const value = (request.query as Record<string, unknown> | undefined)?.api_key;
    return typeof value === 'string' ? value : undefined;
  },
};

/**
 * Agent Status and Logs APIs: `Authorization: <token>`, the raw token with no scheme.
 * `Bearer <token>` is accepted too, since generic HTTP clients add the scheme by habit.
 */
export const keyFromAuthorization: KeySource = {
  name: 'Authorization token',
  read: (request) => header(request, 'authorization')?.replace(/^Bearer\s+/i, ''),
};

/** Visitor Chat API: `x-api-key: <key>`. */
export const keyFromApiKeyHeader: KeySource = {
  name: 'x-api-key',
  read: (request) => header(request, 'x-api-key'),
};

/**
 * Runs on `onRequest`, before body parsing and validation, so a caller
 * without a valid key learns nothing about the request's shape.
 */
function requireApiKey(core: Core, scope: ApiScope, source: KeySource): onRequestHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const presented = source.read(request);
    if (!presented) throw new DomainError('unauthorized', `${source.name} is required`);
    const apiKey = await authenticateApiKey(core, presented);
    if (!apiKey) throw new DomainError('unauthorized', `${source.name} is invalid or revoked`);
    if (!apiKey.scopes.includes(scope)) throw new DomainError('forbidden', `${source.name} lacks the "${scope}" scope`);
    request.apiKey = apiKey;
  };
}

/** The authenticated organization; only called on routes guarded by `guardRoutesWithApiKey`. */
export function organizationOf(request: FastifyRequest): string {
  return request.apiKey!.organizationId;
}

/**
 * Guards every route declared after it in this plugin. The hook is appended per
 * route rather than to the scope, so it runs after @fastify/rate-limit's own
 * per-route hook: a flood is refused before any key lookup.
 */
export function guardRoutesWithApiKey(app: FastifyInstance, core: Core, scope: ApiScope, source: KeySource): void {
  const guard = requireApiKey(core, scope, source);
  app.addHook('onRoute', (route) => {
    route.onRequest = [...(route.onRequest === undefined ? [] : [route.onRequest].flat()), guard];
  });
}
