import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../core/commands/create-api-key.ts';
import { getUser } from '../../core/queries/users.ts';
import { useTestApp } from '../../test/test-app.ts';
import {
  bearer,
  call,
  createMember,
  expectError,
  expectRejectedWithoutChange,
  logIn,
  newEmail,
  PASSWORD,
  sessionFor,
  type Credentials,
  type ExpectedError,
} from '../routes/native/__tests__/native-test-kit.ts';

/**
 * Credentials never reach beyond themselves (docs/security.md, "Credentials and what each may do"):
 * an API key neither makes nor takes over an admin, a key made with a key holds at most its
 * scopes, and an agent changes neither roles nor keys. SnapEngage provisioning keys are covered
 * in server/dialects/snapengage/__tests__/provisioning-users.test.ts.
 */

const { t, tenant } = useTestApp({ tenants: 1 });

/** A console session as the console sends it: the cookie, and the header its pages add to changes. */
const consoleSession = async (email: string, password: string): Promise<Credentials> => ({
  ...(await sessionFor(t.app, email, password)),
  'x-requested-with': 'XMLHttpRequest',
});

let adminKey: Credentials;
let adminSession: Credentials;
beforeAll(async () => {
  adminKey = bearer((await createApiKey(t.core, tenant.organizationId, 'admin only', ['admin'])).secret);
  adminSession = await consoleSession(tenant.adminEmail, tenant.adminPassword);
});

const forbiddenWith = (message: string): ExpectedError => ({ status: 403, code: 'forbidden', message });
const NO_ADMIN_CREDENTIALS = forbiddenWith("an API key cannot change an admin's password, role or enabled state; an admin does that in the console");
const NO_PROMOTION = forbiddenWith('an API key cannot make a user an admin; an admin does that in the console');

const rejected = (send: () => ReturnType<typeof call>, expected: ExpectedError) =>
  expectRejectedWithoutChange(t.core, tenant.organizationId, send, expected);

describe('an API key with the "admin" scope manages agents, never admins', () => {
  it('creates agents but not admins', async () => {
    await rejected(() => call(t.app, 'POST', '/users', { credentials: adminKey, payload: { email: newEmail(), name: 'Root', role: 'admin', password: PASSWORD } }), NO_PROMOTION);
    const agent = await call(t.app, 'POST', '/users', { credentials: adminKey, payload: { email: newEmail(), name: 'Agent', role: 'agent', password: PASSWORD } });
    expect(agent.statusCode, agent.body).toBe(201);
  });

  it('cannot promote an agent', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    await rejected(() => call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: adminKey, payload: { role: 'admin' } }), NO_PROMOTION);
  });

  it.each([
    ['a new password', { password: 'taken over by a key' }],
    ['a demotion', { role: 'agent' }],
    ['the role, even unchanged', { role: 'admin' }],
    ['disabling', { disabled: true }],
    ['enabling', { disabled: false }],
    ['a new name with a new password', { name: 'Still Admin', password: 'taken over by a key' }],
  ])('refuses %s for an admin, who still signs in as before', async (_, payload) => {
    const admin = await createMember(t.core, tenant.organizationId, 'admin');
    await rejected(() => call(t.app, 'PATCH', `/users/${admin.user.id}`, { credentials: adminKey, payload }), NO_ADMIN_CREDENTIALS);
    expect((await logIn(t.app, admin.email, admin.password)).statusCode).toBe(200);
  });

  it("may still change an admin's profile", async () => {
    const admin = await createMember(t.core, tenant.organizationId, 'admin');
    const response = await call(t.app, 'PATCH', `/users/${admin.user.id}`, { credentials: adminKey, payload: { name: 'Renamed Admin', alias: 'Ren' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user).toMatchObject({ name: 'Renamed Admin', alias: 'Ren', role: 'admin' });
  });

  it('cannot delete an admin, even one who is not the last', async () => {
    const admin = await createMember(t.core, tenant.organizationId, 'admin');
    await rejected(
      () => call(t.app, 'DELETE', `/users/${admin.user.id}`, { credentials: adminKey }),
      forbiddenWith('an API key cannot delete an admin; an admin does that in the console'),
    );
    expect(await getUser(t.core, tenant.organizationId, admin.user.id)).toBeDefined();
  });

  it('leaves agents to it: password, disabling, deleting', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    expect((await call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: adminKey, payload: { password: 'set by a script' } })).statusCode).toBe(200);
    expect((await call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: adminKey, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await call(t.app, 'DELETE', `/users/${agent.user.id}`, { credentials: adminKey })).statusCode).toBe(204);
  });

  it('while a signed-in admin may do all of it', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    expect((await call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: adminSession, payload: { role: 'admin' } })).statusCode).toBe(200);
    expect((await call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: adminSession, payload: { password: 'chosen by an admin' } })).statusCode).toBe(200);
    expect((await call(t.app, 'DELETE', `/users/${agent.user.id}`, { credentials: adminSession })).statusCode).toBe(204);
  });
});

describe('a key made with a key holds at most the scopes of the key that made it', () => {
  const createKey = (credentials: Credentials, scopes: string[]) => call(t.app, 'POST', '/api-keys', { credentials, payload: { name: 'minted', scopes } });

  it('refuses scopes the calling key lacks, naming them', async () => {
    await rejected(
      () => createKey(adminKey, ['admin', 'provisioning', 'chat']),
      forbiddenWith('an API key can only grant scopes it holds itself; it lacks "provisioning", "chat"'),
    );
  });

  it('grants the scopes the calling key holds', async () => {
    const minted = await createKey(adminKey, ['admin']);
    expect(minted.statusCode, minted.body).toBe(201);
    expect(minted.json().apiKey.scopes).toEqual(['admin']);
    // tenant.apiKey holds every scope.
    expect((await createKey(bearer(tenant.apiKey), ['provisioning', 'chat'])).statusCode).toBe(201);
  });

  it('lets a signed-in admin grant any scope', async () => {
    expect((await createKey(adminSession, ['admin', 'provisioning', 'chat', 'agent_status', 'logs'])).statusCode).toBe(201);
  });

  it('keeps keys without the "admin" scope away from keys altogether', async () => {
    const { secret } = await createApiKey(t.core, tenant.organizationId, 'provisioning only', ['provisioning']);
    await rejected(() => createKey(bearer(secret), ['provisioning']), forbiddenWith('API key lacks the "admin" scope'));
  });
});

describe('an agent changes neither roles nor keys', () => {
  let agent: Awaited<ReturnType<typeof createMember>>;
  let agentSession: Credentials;
  beforeAll(async () => {
    agent = await createMember(t.core, tenant.organizationId, 'agent');
    agentSession = await consoleSession(agent.email, agent.password);
  });
  const ADMIN_ROLE = forbiddenWith('this endpoint needs the admin role');

  it('cannot promote itself', async () => {
    await rejected(() => call(t.app, 'PATCH', `/users/${agent.user.id}`, { credentials: agentSession, payload: { role: 'admin' } }), ADMIN_ROLE);
  });

  it('cannot create users or keys', async () => {
    await rejected(() => call(t.app, 'POST', '/users', { credentials: agentSession, payload: { email: newEmail(), name: 'Friend', role: 'admin' } }), ADMIN_ROLE);
    await rejected(() => call(t.app, 'POST', '/api-keys', { credentials: agentSession, payload: { name: 'mine', scopes: ['admin'] } }), ADMIN_ROLE);
  });

  it('cannot read keys', async () => {
    expectError(await call(t.app, 'GET', '/api-keys', { credentials: agentSession }), ADMIN_ROLE);
  });
});
