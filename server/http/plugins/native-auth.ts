import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Config } from '../../config/config.ts';
import { SESSION_TTL_MS } from '../../core/commands/log-in.ts';
import type { Core } from '../../core/context.ts';
import { DomainError, forbidden } from '../../core/errors.ts';
import { authenticateApiKey } from '../../core/queries/authenticate-api-key.ts';
import { authenticateSession } from '../../core/queries/authenticate-session.ts';
import type { ApiKey, User } from '../../core/types.ts';
import { isOwnOrigin } from '../own-origin.ts';

/**
 * Who may call a native route, declared per route as `config: { access }`:
 * - `public`: anyone (only login);
 * - `session`: a logged-in console user of any role (an API key is not a person);
 * - `member`: any console user, or an API key with the "admin" scope;
 * - `admin` (the default, so a route that forgets to declare is locked down): an admin user, or an "admin" API key.
 */
export type NativeAccess = 'public' | 'session' | 'member' | 'admin';

/** The caller of a native route, and always the organization every query is scoped to. */
export type NativeActor =
  | { kind: 'session'; organizationId: string; user: User }
  | { kind: 'api_key'; organizationId: string; apiKey: ApiKey };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: NativeAccess;
  }
  interface FastifyRequest {
    /** Set by the native API's authentication hook; null before it ran and on public routes. */
    actor: NativeActor | null;
  }
}

export const SESSION_COOKIE = 'sb_session';

/** API keys are the console's admin credential for scripts; narrower keys belong to vendor dialects. */
const NATIVE_KEY_SCOPE = 'admin';

/**
 * Attributes of the session cookie; `Secure` follows the public URL so plain-http development still works.
 * `Strict` keeps the cookie off every request another site starts, top-level links included (the
 * console's page needs no cookie; its API calls, made from our own page, carry it). It does not
 * stop pages of the same site (another port or subdomain of this host): `requireOwnPage` does.
 */
export function sessionCookieOptions(config: Config): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: config.publicUrl.startsWith('https:'),
    maxAge: SESSION_TTL_MS / 1000,
  };
}

const unauthorized = (message: string) => new DomainError('unauthorized', message);

/**
 * The header the console sends with every call. Any value will do: a page of another origin
 * cannot add a custom header without a CORS preflight, and this server grants none for it.
 */
export const CSRF_HEADER = 'x-requested-with';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The browser adds the session cookie to requests of any page of the same site, another port of
 * this host included, so a request that changes something on the cookie's authority must show it
 * was sent by our own pages: the custom header, and, when the browser names it, our own origin.
 * Requests with an API key or visitor token are exempt: those credentials never travel on their own.
 */
function requireOwnPage(request: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[CSRF_HEADER] === undefined) {
    throw forbidden(`a request that changes data with the session cookie must send the "${CSRF_HEADER}" header`);
  }
  const origin = request.headers.origin ?? request.headers.referer;
  if (origin !== undefined && !isOwnOrigin(origin, request.host, publicUrl)) {
    throw forbidden('the session cookie is not accepted from a page of another origin');
  }
}

const sessionLookups = new WeakMap<FastifyRequest, Promise<User | undefined>>();

/** The live session behind the request's cookie, looked up once per request: the rate limiter asks before the route does. */
export function liveSessionUser(core: Core, request: FastifyRequest): Promise<User | undefined> {
  let lookup = sessionLookups.get(request);
  if (!lookup) {
    const token = request.cookies[SESSION_COOKIE];
    lookup = token ? authenticateSession(core, token) : Promise.resolve(undefined);
    sessionLookups.set(request, lookup);
  }
  return lookup;
}

/**
 * The console user the session cookie signs in, or undefined when no cookie was sent. A cookie
 * that does not authenticate is a 401; a data-changing request not sent by our pages is a 403.
 */
export async function cookieSessionUser(core: Core, publicUrl: string, request: FastifyRequest): Promise<User | undefined> {
  if (!request.cookies[SESSION_COOKIE]) return undefined;
  const user = await liveSessionUser(core, request);
  if (!user) throw unauthorized('session has expired or ended; log in again');
  requireOwnPage(request, publicUrl);
  return user;
}

/** An `Authorization` header, when sent, is the only credential looked at: mixing it with a cookie would be ambiguous. */
async function identify(core: Core, publicUrl: string, request: FastifyRequest): Promise<NativeActor> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const presented = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (!presented) throw unauthorized('Authorization header must be "Bearer <api key>"');
    const apiKey = await authenticateApiKey(core, presented);
    if (!apiKey) throw unauthorized('API key is invalid or revoked');
    return { kind: 'api_key', organizationId: apiKey.organizationId, apiKey };
  }
  const user = await cookieSessionUser(core, publicUrl, request);
  if (!user) throw unauthorized(`authentication required: log in, or send "Authorization: Bearer <api key>"`);
  return { kind: 'session', organizationId: user.organizationId, user };
}

function authorize(actor: NativeActor, access: Exclude<NativeAccess, 'public'>): void {
  if (actor.kind === 'api_key') {
    if (access === 'session') throw forbidden('this endpoint needs a logged-in console user, not an API key');
    if (!actor.apiKey.scopes.includes(NATIVE_KEY_SCOPE)) throw forbidden(`API key lacks the "${NATIVE_KEY_SCOPE}" scope`);
    return;
  }
  if (access === 'admin' && actor.user.role !== 'admin') throw forbidden('this endpoint needs the admin role');
}

function authenticationHook(core: Core, publicUrl: string, access: Exclude<NativeAccess, 'public'>): onRequestHookHandler {
  return async (request) => {
    const actor = await identify(core, publicUrl, request);
    authorize(actor, access);
    request.actor = actor;
  };
}

/** How the OpenAPI document says a route is authenticated: the session cookie or a bearer API key. */
const AUTHENTICATED: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

/**
 * Guards every route registered after it in this scope with an `onRequest`
 * hook, so a caller without valid credentials gets a 401 before the body is
 * parsed or validated and learns nothing about the route's input. The hook is
 * appended per route rather than added to the scope so that it runs after
 * @fastify/rate-limit's own per-route hook: floods are refused first, and the
 * credential lookup the limiter made (to size its allowance) is reused here.
 * Each route's OpenAPI `security` is set from the same `access`.
 */
export function installNativeAuthentication(app: FastifyInstance, core: Core, publicUrl: string): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? 'admin';
    route.schema = { security: access === 'public' ? [] : AUTHENTICATED, ...route.schema };
    if (access === 'public') return;
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [...existing, authenticationHook(core, publicUrl, access)];
  });
}

/** The authenticated caller; only used on routes that are not public. */
export function actorOf(request: FastifyRequest): NativeActor {
  if (!request.actor) throw unauthorized('authentication required');
  return request.actor;
}

/** The console user behind the request; only used on `session` routes. */
export function sessionUserOf(request: FastifyRequest): User {
  const actor = actorOf(request);
  if (actor.kind !== 'session') throw forbidden('this endpoint needs a logged-in console user, not an API key');
  return actor.user;
}
