import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Core } from '../../core/context.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticateApiKey } from '../../core/queries/authenticate-api-key.ts';
import type { ApiScope } from '../../core/scopes.ts';
import type { ApiKey } from '../../core/types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by an API-key hook: the organization's key that authenticated this request. */
    apiKey?: ApiKey;
  }
}

type KeyReader = (request: FastifyRequest) => string | undefined;

/** SnapEngage passes keys in three ways depending on the API; each route says which. */
export const keyFromQuery: KeyReader = (request) => {
  const value = (request.query as Record<string, unknown> | undefined)?.api_key;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Runs on `onRequest`, before body parsing and validation, so a caller
 * without a valid key learns nothing about the request's shape.
 */
export function requireApiKey(core: Core, scope: ApiScope, readKey: KeyReader): onRequestHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const presented = readKey(request);
    if (!presented) throw new DomainError('unauthorized', 'api_key is required');
    const apiKey = await authenticateApiKey(core, presented);
    if (!apiKey) throw new DomainError('unauthorized', 'api_key is invalid or revoked');
    if (!apiKey.scopes.includes(scope)) throw new DomainError('forbidden', `api_key lacks the "${scope}" scope`);
    request.apiKey = apiKey;
  };
}

/** The authenticated organization; only called on routes guarded by `requireApiKey`. */
export function organizationOf(request: FastifyRequest): string {
  return request.apiKey!.organizationId;
}
