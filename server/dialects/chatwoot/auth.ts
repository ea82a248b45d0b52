import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { authenticateAccessToken, type Core, DomainError, type Organization, type User } from '../kit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the Chatwoot token hook: the person the `api_access_token` belongs to, and their account. */
    chatwoot?: { user: User; account: Organization };
  }
}

/**
 * Chatwoot reads the token from the `api_access_token` header; codegen clients often send
 * `Authorization: Bearer <token>` as well or instead. Proxies that drop headers with underscores
 * (nginx's default) turn the first into nothing, so `api-access-token` is read too.
 */
export function presentedToken(request: FastifyRequest): string | undefined {
  const headers = request.headers;
  const named = headers.api_access_token ?? headers['api-access-token'];
  if (typeof named === 'string' && named.trim() !== '') return named.trim();
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}

const unauthorized = (message: string) => new DomainError('unauthorized', message);

/** The token's user, or 401 in Chatwoot's words. */
async function authenticate(core: Core, request: FastifyRequest): Promise<{ user: User; account: Organization }> {
  const token = presentedToken(request);
  const holder = token === undefined ? undefined : await authenticateAccessToken(core, token);
  if (!holder) throw unauthorized('Invalid Access Token');
  return { user: holder.user, account: holder.organization };
}

/** For routes outside an account (`/api/v1/profile`). Runs before the body is parsed. */
export function requireToken(core: Core): onRequestHookHandler {
  return async (request) => {
    request.chatwoot = await authenticate(core, request);
  };
}

/**
 * For `/api/v1/accounts/:account_id/...`: the token's user must belong to that account (one
 * organization per user here). Another account's id is 401, as Chatwoot answers a non-member, and
 * says nothing about whether that account exists.
 */
export function requireAccountMember(core: Core): onRequestHookHandler {
  return async (request) => {
    const session = await authenticate(core, request);
    const accountId = (request.params as Record<string, string> | undefined)?.account_id;
    if (accountId !== String(session.account.accountNumber)) throw unauthorized('You are not authorized to access this account');
    request.chatwoot = session;
  };
}

/** Admin-only actions (inbox, webhook and agent management); Chatwoot refuses agents with 401. */
export function requireAdministrator(request: FastifyRequest): void {
  if (request.chatwoot?.user.role !== 'admin') throw unauthorized('You are not authorized to do this action');
}

/** `requireAdministrator` as a route's `preValidation` hook: an agent is refused before its body is judged. */
export const administratorsOnly = async (request: FastifyRequest): Promise<void> => requireAdministrator(request);

/** The authenticated session; routes behind a hook above always have one. */
export function sessionOf(request: FastifyRequest): { user: User; account: Organization } {
  if (!request.chatwoot) throw unauthorized('Invalid Access Token');
  return request.chatwoot;
}

/** Registers `hook` before every route of `app`'s scope, after the rate limiter's own hook. */
export function authenticateEveryRoute(app: FastifyInstance, hook: onRequestHookHandler): void {
  app.addHook('onRoute', (route) => {
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...existing, hook];
  });
}
