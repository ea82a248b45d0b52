import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect } from 'vitest';
import { createUser, type CreateUserInput } from '../../../../core/commands/create-user.ts';
import type { Core } from '../../../../core/context.ts';
import { getApiKeys } from '../../../../core/queries/api-keys.ts';
import { getUsers } from '../../../../core/queries/users.ts';
import { getWidgets } from '../../../../core/queries/widgets.ts';
import type { Role } from '../../../../core/types.ts';
import { useTestApp } from '../../../../test/test-app.ts';

/** Helpers shared by the native API tests: credentials, requests, and the two assertions every rejection needs. */

export const API = '/native/v1';
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Request headers that authenticate one way or the other. */
export type Credentials = Record<string, string>;
export const bearer = (apiKey: string): Credentials => ({ authorization: `Bearer ${apiKey}` });
/** The session cookie with the header the console sends along (requests that change data need it: CSRF). */
export const cookieHeader = (token: string): Credentials => ({ cookie: `sb_session=${token}`, 'x-requested-with': 'XMLHttpRequest' });

let emailCounter = 0;
/** A fresh address; e-mails are unique installation-wide. */
export const newEmail = (label = 'user') => `${label}${++emailCounter}-${process.pid}@example.com`;

export const PASSWORD = 'long enough secret';

export interface RequestOptions {
  credentials?: Credentials;
  payload?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** One request to the native API; `path` is relative to /native/v1. */
export function call(app: FastifyInstance, method: InjectOptions['method'], path: string, options: RequestOptions = {}) {
  return app.inject({
    method,
    url: `${API}${path}`,
    headers: { ...options.credentials, ...options.headers },
    ...(options.payload !== undefined && { payload: options.payload as InjectOptions['payload'] }),
    ...(options.remoteAddress !== undefined && { remoteAddress: options.remoteAddress }),
  });
}

export async function logIn(app: FastifyInstance, email: string, password: string, remoteAddress?: string) {
  return call(app, 'POST', '/auth/login', { payload: { email, password }, ...(remoteAddress && { remoteAddress }) });
}

/** Logs in and returns the headers that carry the new session. */
export async function sessionFor(app: FastifyInstance, email: string, password: string): Promise<Credentials> {
  const response = await logIn(app, email, password);
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'sb_session');
  return cookieHeader(cookie!.value);
}

/**
 * The setup of the admin endpoint tests: useTestApp's app with two organizations (`tenant` acts,
 * `other` is for isolation tests) and `admin`, the session headers of `tenant`'s admin. Like
 * useTestApp's handles, `admin` is returned empty and filled by a beforeAll, so it can be closed
 * over at module level and read in tests.
 */
export function useAdminApi() {
  const { t, tenant, other } = useTestApp({ tenants: 2 });
  const admin: Credentials = {};
  beforeAll(async () => {
    Object.assign(admin, await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword));
  });
  return { t, tenant, other, admin };
}

/** A console user of the given role with a password, created through the core (not the API under test). */
export async function createMember(core: Core, organizationId: string, role: Role, input: Partial<CreateUserInput> = {}) {
  const email = newEmail(role);
  const user = await createUser(core, organizationId, { email, name: `${role} ${email}`, role, password: PASSWORD, ...input });
  return { user, email: user.email, password: PASSWORD };
}

export interface ExpectedError {
  status: number;
  code: string;
  /** Exact text, or a pattern when the text carries variable parts. */
  message: string | RegExp;
  /** Omit to require that no field is named. */
  field?: string;
}

/** Asserts the native error shape exactly, including that requestId matches the x-request-id header. */
export function expectError(response: LightMyRequestResponse, expected: ExpectedError): void {
  expect(response.statusCode, response.body).toBe(expected.status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const requestId = response.headers['x-request-id'];
  expect(requestId).toEqual(expect.any(String));
  expect(response.json()).toStrictEqual({
    error: {
      code: expected.code,
      message: typeof expected.message === 'string' ? expected.message : expect.stringMatching(expected.message),
      ...(expected.field !== undefined && { field: expected.field }),
      requestId,
    },
  });
}

/**
 * Everything an organization owns that the native API can change. API keys'
 * lastUsedAt is left out: authenticating with a key legitimately bumps it.
 */
export async function tenantState(core: Core, organizationId: string) {
  const users = await getUsers(core, organizationId);
  const widgets = await getWidgets(core, organizationId);
  const apiKeys = (await getApiKeys(core, organizationId)).map(({ lastUsedAt: _lastUsedAt, ...key }) => key);
  return { users, widgets, apiKeys };
}

/** Sends a request that must be rejected, and checks the rejection changed nothing in the organization. */
export async function expectRejectedWithoutChange(
  core: Core,
  organizationId: string,
  send: () => Promise<LightMyRequestResponse>,
  expected: ExpectedError,
): Promise<void> {
  const before = await tenantState(core, organizationId);
  expectError(await send(), expected);
  expect(await tenantState(core, organizationId)).toStrictEqual(before);
}

/** A well-formed id that names nothing, and a malformed one: both must be 404s. */
export const UNKNOWN_IDS = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
