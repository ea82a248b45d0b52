import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../../core/commands/create-api-key.ts';
import { createWidget } from '../../../../core/commands/create-widget.ts';
import { revokeApiKey } from '../../../../core/commands/revoke-api-key.ts';
import { createTestApp, useTestApp } from '../../../../test/test-app.ts';
import {
  bearer,
  call,
  cookieHeader,
  createMember,
  type Credentials,
  expectError,
  expectRejectedWithoutChange,
  sessionFor,
} from './native-test-kit.ts';

/** Who may call what: cookies vs API keys, roles, scopes, and credentials that stop working. */

const { t, tenant } = useTestApp({ tenants: 1 });
let adminSession: Credentials;
let agentSession: Credentials;
/** Real ids, so a 403 below cannot be a 404 in disguise. */
let ids: { widget: string; user: string; apiKey: string };

beforeAll(async () => {
  adminSession = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
  const agent = await createMember(t.core, tenant.organizationId, 'agent');
  agentSession = await sessionFor(t.app, agent.email, agent.password);
  const widget = await createWidget(t.core, tenant.organizationId, { name: 'Support' });
  const { apiKey } = await createApiKey(t.core, tenant.organizationId, 'spare', ['chat']);
  ids = { widget: widget.id, user: agent.user.id, apiKey: apiKey.id };
});

interface Endpoint {
  name: string;
  adminOnly: boolean;
  /** Valid requests, so only authentication or authorization can refuse them. */
  request: () => { method: InjectOptions['method']; path: string; payload?: object };
}

const endpoint = (name: string, adminOnly: boolean, payload?: object): Endpoint => {
  const [method, template] = name.split(' ') as [InjectOptions['method'], string];
  return {
    name,
    adminOnly,
    request: () => ({
      method,
      path: template.replace(':widget', ids.widget).replace(':user', ids.user).replace(':apiKey', ids.apiKey),
      ...(payload && { payload }),
    }),
  };
};

const PROTECTED: Endpoint[] = [
  endpoint('GET /me', false),
  endpoint('POST /auth/logout', false),
  endpoint('GET /widgets', false),
  endpoint('GET /widgets/:widget', false),
  endpoint('POST /widgets', true, { name: 'New widget' }),
  endpoint('PATCH /widgets/:widget', true, { name: 'Renamed' }),
  endpoint('DELETE /widgets/:widget', true),
  endpoint('GET /users', true),
  endpoint('POST /users', true, { email: 'someone@example.com', name: 'Someone' }),
  endpoint('PATCH /users/:user', true, { name: 'Renamed' }),
  endpoint('DELETE /users/:user', true),
  endpoint('GET /api-keys', true),
  endpoint('POST /api-keys', true, { name: 'k', scopes: ['chat'] }),
  endpoint('DELETE /api-keys/:apiKey', true),
];
const ADMIN_ONLY = PROTECTED.filter((e) => e.adminOnly);
const LIST_WIDGETS = PROTECTED.find((e) => e.name === 'GET /widgets')!;
const READ_WIDGET = PROTECTED.find((e) => e.name === 'GET /widgets/:widget')!;
/** Routes for people only; an API key is refused there for a different reason (it is not a user). */
const SESSION_ONLY = ['GET /me', 'POST /auth/logout'];

function send(target: Endpoint, credentials?: Credentials, payload?: object) {
  const { method, path, payload: validPayload } = target.request();
  return call(t.app, method, path, { ...(credentials && { credentials }), payload: payload ?? validPayload });
}

const MISSING = {
  status: 401,
  code: 'unauthorized',
  message: 'authentication required: log in, or send "Authorization: Bearer <api key>"',
};

describe('without valid credentials', () => {
  it.each(PROTECTED.map((e) => [e.name, e]))('%s answers 401, before looking at the body', async (_name, target) => {
    // The body is invalid on purpose: a 400 here would mean validation ran before authentication.
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send(target, undefined, { bogus: true }), MISSING);
  });

  it('rejects a made-up session cookie', async () => {
    const response = await send(LIST_WIDGETS, cookieHeader('not-a-session'));
    expectError(response, { status: 401, code: 'unauthorized', message: 'session has expired or ended; log in again' });
  });

  it('rejects an Authorization header that is not a bearer token', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', tenant.apiKey]) {
      expectError(await send(LIST_WIDGETS, { authorization }), {
        status: 401,
        code: 'unauthorized',
        message: 'Authorization header must be "Bearer <api key>"',
      });
    }
  });

  it('rejects unknown and forged API keys', async () => {
    const forged = tenant.apiKey.slice(0, -4) + (tenant.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const key of ['sbk_000000000000_' + 'A'.repeat(43), forged, 'garbage']) {
      expectError(await send(LIST_WIDGETS, bearer(key)), { status: 401, code: 'unauthorized', message: 'API key is invalid or revoked' });
    }
  });

  it('uses only the Authorization header when one is sent, even next to a valid cookie', async () => {
    const response = await send(LIST_WIDGETS, { ...adminSession, ...bearer('sbk_000000000000_' + 'A'.repeat(43)) });
    expectError(response, { status: 401, code: 'unauthorized', message: 'API key is invalid or revoked' });
  });

  it('rejects a revoked key', async () => {
    const { apiKey, secret } = await createApiKey(t.core, tenant.organizationId, 'to revoke', ['admin']);
    expect((await send(LIST_WIDGETS, bearer(secret))).statusCode).toBe(200);
    await revokeApiKey(t.core, tenant.organizationId, apiKey.id);
    expectError(await send(LIST_WIDGETS, bearer(secret)), { status: 401, code: 'unauthorized', message: 'API key is invalid or revoked' });
  });
});

describe('an agent session', () => {
  it.each(ADMIN_ONLY.map((e) => [e.name, e]))('gets 403 on %s and changes nothing', async (_name, target) => {
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send(target, agentSession), {
      status: 403,
      code: 'forbidden',
      message: 'this endpoint needs the admin role',
    });
  });

  it('may read widgets', async () => {
    const list = await send(LIST_WIDGETS, agentSession);
    expect(list.statusCode).toBe(200);
    expect(list.json().widgets.map((w: { id: string }) => w.id)).toContain(ids.widget);
    const one = await send(READ_WIDGET, agentSession);
    expect(one.statusCode).toBe(200);
    expect(one.json().widget.id).toBe(ids.widget);
  });
});

describe('an API key', () => {
  it('with the "admin" scope acts as an admin', async () => {
    const response = await call(t.app, 'GET', '/users', { credentials: bearer(tenant.apiKey) });
    expect(response.statusCode).toBe(200);
    expect(response.json().users.map((u: { email: string }) => u.email)).toContain(tenant.adminEmail);
  });

  it.each(PROTECTED.filter((e) => !SESSION_ONLY.includes(e.name)).map((e) => [e.name, e]))(
    'without the "admin" scope gets 403 on %s and changes nothing',
    async (_name, target) => {
      const { secret } = await createApiKey(t.core, tenant.organizationId, 'narrow', ['provisioning', 'chat', 'agent_status', 'logs']);
      await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send(target, bearer(secret)), {
        status: 403,
        code: 'forbidden',
        message: 'API key lacks the "admin" scope',
      });
    },
  );
});

describe('sessions that stop working', () => {
  async function agentWithSession() {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    const credentials = await sessionFor(t.app, agent.email, agent.password);
    expect((await call(t.app, 'GET', '/me', { credentials })).statusCode).toBe(200);
    return { agent, credentials };
  }
  const ENDED = { status: 401, code: 'unauthorized', message: 'session has expired or ended; log in again' };
  const patchUser = (userId: string, payload: object) => call(t.app, 'PATCH', `/users/${userId}`, { credentials: adminSession, payload });

  it('disabling a user ends their sessions, and enabling them again does not revive old ones', async () => {
    const { agent, credentials } = await agentWithSession();
    expect((await patchUser(agent.user.id, { disabled: true })).statusCode).toBe(200);
    expectError(await call(t.app, 'GET', '/me', { credentials }), ENDED);

    expect((await patchUser(agent.user.id, { disabled: false })).statusCode).toBe(200);
    expectError(await call(t.app, 'GET', '/me', { credentials }), ENDED);
  });

  it('a new password ends the user’s sessions', async () => {
    const { agent, credentials } = await agentWithSession();
    expect((await patchUser(agent.user.id, { password: 'a brand new secret' })).statusCode).toBe(200);
    expectError(await call(t.app, 'GET', '/me', { credentials }), ENDED);
  });

  it('deleting a user ends their sessions', async () => {
    const { agent, credentials } = await agentWithSession();
    expect((await call(t.app, 'DELETE', `/users/${agent.user.id}`, { credentials: adminSession })).statusCode).toBe(204);
    expectError(await call(t.app, 'GET', '/me', { credentials }), ENDED);
  });

  it('demoting an admin takes admin routes away from their open session at once', async () => {
    const admin = await createMember(t.core, tenant.organizationId, 'admin');
    const credentials = await sessionFor(t.app, admin.email, admin.password);
    expect((await call(t.app, 'GET', '/users', { credentials })).statusCode).toBe(200);
    expect((await patchUser(admin.user.id, { role: 'agent' })).statusCode).toBe(200);
    expectError(await call(t.app, 'GET', '/users', { credentials }), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
  });
});

describe('the general rate limit', () => {
  it('refuses a flood before authenticating it, so floods cost no database lookups', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(limited.app, 'GET', '/widgets', { remoteAddress: '192.0.2.1' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const last = await call(limited.app, 'GET', '/widgets', { remoteAddress: '192.0.2.1' });
      expectError(last, { status: 429, code: 'rate_limited', message: /^Rate limit exceeded, retry in / });
    } finally {
      await limited.close();
    }
  });
});
