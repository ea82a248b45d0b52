import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../core/commands/create-api-key.ts';
import { logIn } from '../../../core/commands/log-in.ts';
import { revokeApiKey } from '../../../core/commands/revoke-api-key.ts';
import { getUserByEmail, getUsers } from '../../../core/queries/users.ts';
import { createMember } from '../../../http/routes/native/__tests__/native-test-kit.ts';
import { createTenant, useTestApp } from '../../../test/test-app.ts';
import { emailMaker, error, provisioningClient, type Body, type Method, type Reply } from './provisioning-client.ts';

/** SnapEngage Provisioning API, users: PUT/GET/POST/DELETE /api/v1/user.json?api_key=… */

/** `tenant` is organization A, the one most tests act as; `other` is B, for isolation tests. */
const { t, tenant, other } = useTestApp({ tenants: 2 });

// ---------------------------------------------------------------- helpers

const send = provisioningClient(() => t.app, () => tenant.apiKey);
const put = (body: unknown, key?: string | null) => send('PUT', 'user', {}, body, key);
const post = (body: unknown, key?: string | null) => send('POST', 'user', {}, body, key);
const get = (email: string, key?: string | null) => send('GET', 'user', { email }, undefined, key);
const del = (email: string, key?: string | null) => send('DELETE', 'user', { email }, undefined, key);

const { newEmail, emailOfLength } = emailMaker();

const userBody = (overrides: Body = {}): Body => ({
  email: newEmail(),
  name: 'Jimbo Something',
  password: '12345',
  phone: '555-617-8980',
  accountType: 'enterprise',
  ...overrides,
});

/** What the API answers for a user created from `body` (password never echoed). */
const expectedUser = (body: Body) => ({
  email: String(body.email).toLowerCase(),
  name: body.name,
  phone: body.phone ?? null,
  accountType: body.accountType,
});

/** Creates a user through the API and returns its response body. */
async function createUser(overrides: Body = {}): Promise<Body> {
  const reply = await put(userBody(overrides));
  expect(reply.status).toBe(201);
  return reply.body as Body;
}

/** Users of organization A, read through core: there is no list endpoint. */
const userCount = async () => (await getUsers(t.core, tenant.organizationId)).length;

// ---------------------------------------------------------------- create

describe('PUT /api/v1/user.json creates a user', () => {
  it('answers 201 with the user, e-mail lower-cased, and stores it', async () => {
    const email = newEmail('Jimbo.MIXED').replace('@example.com', '@Example.COM');
    const body = userBody({ email });
    const created = await put(body);
    const expected = { email: email.toLowerCase(), name: 'Jimbo Something', phone: '555-617-8980', accountType: 'enterprise' };
    expect(created).toEqual({ status: 201, body: expected });
    expect(await get(email.toLowerCase())).toEqual({ status: 200, body: expected });
  });

  it('answers phone null when none is given', async () => {
    const body = userBody({ phone: undefined });
    expect(await put(body)).toEqual({ status: 201, body: { ...expectedUser(body), phone: null } });
  });

  it.each(['trial', 'biz', 'entr', 'prem', 'enterprise'])('accepts accountType %s', async (accountType) => {
    const body = userBody({ accountType });
    expect(await put(body)).toEqual({ status: 201, body: expectedUser(body) });
    expect(await get(String(body.email))).toEqual({ status: 200, body: expectedUser(body) });
  });

  it('sets the password the user logs in with', async () => {
    const body = userBody({ password: 'secret-5' });
    await put(body);
    await expect(logIn(t.core, String(body.email), 'secret-5')).resolves.toMatchObject({ user: { email: body.email } });
    await expect(logIn(t.core, String(body.email), '12345')).rejects.toThrow('wrong e-mail or password');
  });

  it.each<[string, string | null]>([
    ['no Content-Type at all (the reference’s Python sample)', null],
    ['Content-Type text/plain', 'text/plain'],
    ['Content-Type application/x-www-form-urlencoded (curl without -H)', 'application/x-www-form-urlencoded'],
    ['Content-Type application/json; charset=utf-8', 'application/json; charset=utf-8'],
  ])('reads a JSON body sent with %s', async (_, contentType) => {
    const body = userBody();
    expect(await send('PUT', 'user', {}, JSON.stringify(body), undefined, contentType)).toEqual({ status: 201, body: expectedUser(body) });
  });

  it('refuses an e-mail that is already taken, in any case, with 409', async () => {
    const existing = await createUser();
    const again = userBody({ email: String(existing.email).toUpperCase(), name: 'Someone Else' });
    expect(await put(again)).toEqual(error(409, `a user with email ${String(existing.email)} already exists`));
    expect(await get(String(existing.email))).toEqual({ status: 200, body: existing });
  });

  it('refuses an e-mail another organization uses without saying that a user has it', async () => {
    const before = await userCount();
    const reply = await put(userBody({ email: other.adminEmail.toUpperCase() }));
    expect(reply).toEqual(error(409, `email ${other.adminEmail} cannot be used; choose another e-mail address`));
    expect(await userCount()).toBe(before);
    await expect(logIn(t.core, other.adminEmail, other.adminPassword)).resolves.toBeDefined();
  });

  it('creates agents only: the user it makes has no admin rights', async () => {
    const body = userBody();
    await put(body);
    expect((await getUserByEmail(t.core, tenant.organizationId, String(body.email)))?.role).toBe('agent');
  });

  describe('from a template (templateId)', () => {
    it('copies the template user’s accountType; accountType may be omitted', async () => {
      const template = await createUser({ accountType: 'prem' });
      const body = userBody({ accountType: undefined, templateId: template.email });
      const expected = { ...expectedUser(body), accountType: 'prem' };
      expect(await put(body)).toEqual({ status: 201, body: expected });
      expect(await get(String(body.email))).toEqual({ status: 200, body: expected });
    });

    it('ignores a given accountType in favour of the template’s', async () => {
      const template = await createUser({ accountType: 'biz' });
      const body = userBody({ accountType: 'enterprise', templateId: template.email });
      expect(await put(body)).toEqual({ status: 201, body: { ...expectedUser(body), accountType: 'biz' } });
    });

    it('also accepts the template user’s id', async () => {
      const template = await createUser({ accountType: 'entr' });
      const templateId = (await getUserByEmail(t.core, tenant.organizationId, String(template.email)))!.id;
      const body = userBody({ accountType: undefined, templateId });
      expect(await put(body)).toEqual({ status: 201, body: { ...expectedUser(body), accountType: 'entr' } });
    });

    it.each([
      ['an unknown e-mail', () => 'nobody@example.com'],
      ['another organization’s user', () => other.adminEmail],
    ])('rejects %s as templateId with 400 and creates nothing', async (_, templateId) => {
      const before = await userCount();
      const body = userBody({ templateId: templateId() });
      expect(await put(body)).toEqual(error(400, 'templateId does not name an existing user'));
      expect(await userCount()).toBe(before);
      expect((await get(String(body.email))).status).toBe(404);
    });
  });
});

// ---------------------------------------------------------------- read

describe('GET /api/v1/user.json', () => {
  it('finds the user whatever the case of the e-mail', async () => {
    const created = await createUser();
    expect(await get(String(created.email).toUpperCase())).toEqual({ status: 200, body: created });
  });

  it('answers 404 for an unknown user', async () => {
    expect(await get('Nobody@Example.com')).toEqual(error(404, 'no user with email nobody@example.com'));
  });

  it('answers 400 without email', async () => {
    expect(await send('GET', 'user', {})).toEqual(error(400, 'email is required'));
  });

  it('answers 400 when email is not an e-mail', async () => {
    expect(await get('not-an-email')).toEqual(error(400, 'email must be a valid email'));
  });
});

// ---------------------------------------------------------------- update

describe('POST /api/v1/user.json updates a user', () => {
  it('answers 200 with the updated user and stores it', async () => {
    const created = await createUser();
    const update = { email: created.email, name: 'New Name', phone: '+1 (555) 000-1111', accountType: 'prem' };
    expect(await post(update)).toEqual({ status: 200, body: update });
    expect(await get(String(created.email))).toEqual({ status: 200, body: update });
  });

  it('finds the user whatever the case of the e-mail', async () => {
    const created = await createUser();
    const reply = await post({ email: String(created.email).toUpperCase(), name: 'Upper Case' });
    expect(reply).toEqual({ status: 200, body: { ...created, name: 'Upper Case' } });
  });

  it('keeps the fields the request leaves out', async () => {
    const created = await createUser({ phone: '555-1234', accountType: 'biz', password: 'original' });
    expect(await post({ email: created.email, name: 'Renamed' })).toEqual({ status: 200, body: { ...created, name: 'Renamed' } });
    expect(await get(String(created.email))).toEqual({ status: 200, body: { ...created, name: 'Renamed' } });
    await expect(logIn(t.core, String(created.email), 'original')).resolves.toBeDefined();
  });

  it('changes the password the user logs in with', async () => {
    const created = await createUser({ password: 'before' });
    expect((await post({ email: created.email, name: created.name, password: 'after-1' })).status).toBe(200);
    await expect(logIn(t.core, String(created.email), 'after-1')).resolves.toBeDefined();
    await expect(logIn(t.core, String(created.email), 'before')).rejects.toThrow('wrong e-mail or password');
  });

  it('answers 404 for an unknown user and creates nothing', async () => {
    const before = await userCount();
    const email = newEmail('ghost');
    expect(await post({ email, name: 'Ghost' })).toEqual(error(404, `no user with email ${email}`));
    expect(await userCount()).toBe(before);
  });
});

// ---------------------------------------------------------------- delete

describe('DELETE /api/v1/user.json', () => {
  it('answers 200 with an empty body; the user is gone afterwards', async () => {
    const created = await createUser();
    expect(await del(String(created.email).toUpperCase())).toEqual({ status: 200, body: '' });
    expect(await get(String(created.email))).toEqual(error(404, `no user with email ${String(created.email)}`));
    expect(await del(String(created.email))).toEqual(error(404, `no user with email ${String(created.email)}`));
  });

  it('answers 404 for an unknown user', async () => {
    expect(await del('nobody@example.com')).toEqual(error(404, 'no user with email nobody@example.com'));
  });

  it('answers 400 without email', async () => {
    expect(await send('DELETE', 'user', {})).toEqual(error(400, 'email is required'));
  });

  it('refuses to delete an admin, the last one as any other, with 403', async () => {
    const second = await createMember(t.core, tenant.organizationId, 'admin');
    for (const admin of [tenant.adminEmail, second.email]) {
      expect(await del(admin)).toEqual(error(403, 'an API key cannot delete an admin; an admin does that in the console'));
      expect((await get(admin)).status).toBe(200);
    }
  });
});

// ---------------------------------------------------------------- admins are out of reach

describe('a provisioning key never takes over an admin', () => {
  let provisioningOnly: string;
  let admin: Awaited<ReturnType<typeof createMember>>;
  beforeAll(async () => {
    provisioningOnly = (await createApiKey(t.core, tenant.organizationId, 'provisioning only', ['provisioning'])).secret;
    admin = await createMember(t.core, tenant.organizationId, 'admin');
  });
  const NO_ADMIN_CREDENTIALS = error(403, "an API key cannot change an admin's password, role or enabled state; an admin does that in the console");

  it('refuses a new password for an admin with 403: the old one still signs in, the new one does not', async () => {
    const reply = await post({ email: admin.email, name: 'Admin', password: 'taken-over' }, provisioningOnly);
    expect(reply).toEqual(NO_ADMIN_CREDENTIALS);
    await expect(logIn(t.core, admin.email, admin.password)).resolves.toMatchObject({ user: { role: 'admin' } });
    await expect(logIn(t.core, admin.email, 'taken-over')).rejects.toThrow('wrong e-mail or password');
    expect((await getUserByEmail(t.core, tenant.organizationId, admin.email))?.name).toBe(admin.user.name);
  });

  it('refuses the organization’s first admin the same way', async () => {
    expect(await post({ email: tenant.adminEmail, name: 'Admin', password: 'taken-over' }, provisioningOnly)).toEqual(NO_ADMIN_CREDENTIALS);
    await expect(logIn(t.core, tenant.adminEmail, tenant.adminPassword)).resolves.toBeDefined();
  });

  it('still changes an admin’s name, phone and accountType, which grant nothing', async () => {
    const update = { email: admin.email, name: 'Renamed Admin', phone: '555-0101', accountType: 'prem' };
    expect(await post(update, provisioningOnly)).toEqual({ status: 200, body: update });
    await expect(logIn(t.core, admin.email, admin.password)).resolves.toMatchObject({ user: { role: 'admin' } });
  });
});

// ---------------------------------------------------------------- bad input

describe('bad input on create is a 400 naming the field, and creates nothing', () => {
  it.each<[string, Body, string]>([
    ['email missing', { email: undefined }, 'email is required'],
    ['name missing', { name: undefined }, 'name is required'],
    ['password missing', { password: undefined }, 'password is required'],
    ['accountType missing', { accountType: undefined }, 'accountType is required'],
    ['email not an e-mail', { email: 'jimbo.example.com' }, 'email must be a valid email'],
    ['email without a dot in the domain', { email: 'jimbo@localhost' }, 'email must be a valid email'],
    ['email of 100 characters', { email: emailOfLength(100) }, 'email must be shorter than 100 characters'],
    ['name of 100 characters', { name: 'n'.repeat(100) }, 'name must be shorter than 100 characters'],
    ['name empty', { name: '' }, 'name must not be empty'],
    ['name only blanks', { name: '   ' }, 'name must not be empty'],
    ['password of 4 characters', { password: '1234' }, 'password must be at least 5 characters'],
    ['password of 100 characters', { password: 'p'.repeat(100) }, 'password must be shorter than 100 characters'],
    ...['Enterprise', 'TRIAL', 'stp', 'free', ''].map((accountType): [string, Body, string] => [
      `accountType "${accountType}"`,
      { accountType },
      'accountType must be one of: trial, biz, entr, prem, enterprise',
    ]),
    ['name a number', { name: 123 }, 'name must be of type string'],
    ['email a number', { email: 42 }, 'email must be of type string'],
    ['password a number', { password: 123456 }, 'password must be of type string'],
    ['phone not a phone number', { phone: 'call me maybe' }, 'phone has an invalid format'],
    // PostgreSQL cannot store NUL: these reached SQL and answered 500.
    ['name with a NUL character', { name: 'Jim\u0000bo' }, 'name must not contain NUL characters'],
    ['templateId with a NUL character', { templateId: 'a\u0000b' }, 'templateId must not contain NUL characters'],
  ])('%s', async (_, overrides, message) => {
    const before = await userCount();
    expect(await put(userBody(overrides))).toEqual(error(400, message));
    expect(await userCount()).toBe(before);
  });

  it.each<[string, string, string]>([
    ['not JSON', '{"email": "a@example.com",', 'request body is not valid JSON'],
    ['an array', '[]', 'body must be of type object'],
    ['a string', '"jimbo@example.com"', 'body must be of type object'],
    ['a number', '42', 'body must be of type object'],
    ['null', 'null', 'body must be of type object'],
  ])('body %s', async (_, raw, message) => {
    const before = await userCount();
    expect(await put(raw)).toEqual(error(400, message));
    expect(await userCount()).toBe(before);
  });

  it('accepts the limits themselves: e-mail and name of 99 characters, passwords of 5 and 99', async () => {
    for (const overrides of [{ email: emailOfLength(99) }, { name: 'n'.repeat(99) }, { password: '12345' }, { password: 'p'.repeat(99) }]) {
      const body = userBody(overrides);
      expect(await put(body)).toEqual({ status: 201, body: expectedUser(body) });
    }
  });
});

describe('bad input on update is a 400 naming the field, and leaves the user as it was', () => {
  let stored: Body;
  beforeAll(async () => {
    stored = await createUser({ name: 'Stored User', phone: '555-0000', accountType: 'biz', password: 'kept-pass' });
  });

  it.each<[string, Body, string]>([
    ['email missing', { email: undefined }, 'email is required'],
    ['name missing', { name: undefined }, 'name is required'],
    ['name of 100 characters', { name: 'n'.repeat(100) }, 'name must be shorter than 100 characters'],
    ['name a number', { name: 123 }, 'name must be of type string'],
    ['accountType "Enterprise"', { accountType: 'Enterprise' }, 'accountType must be one of: trial, biz, entr, prem, enterprise'],
    ['password of 4 characters', { password: '1234' }, 'password must be at least 5 characters'],
    ['password of 100 characters', { password: 'p'.repeat(100) }, 'password must be shorter than 100 characters'],
    ['phone a number', { phone: 5550000 }, 'phone must be of type string'],
    ['name with a NUL character', { name: 'Jim\u0000bo' }, 'name must not contain NUL characters'],
  ])('%s', async (_, overrides, message) => {
    const body = { email: stored.email, name: 'Changed Name', phone: '555-9999', accountType: 'trial', ...overrides };
    expect(await post(body)).toEqual(error(400, message));
    expect(await get(String(stored.email))).toEqual({ status: 200, body: stored });
    await expect(logIn(t.core, String(stored.email), 'kept-pass')).resolves.toBeDefined();
  });

  it.each([
    ['not JSON', 'name=x'],
    ['an array', '[{"email":"x@example.com"}]'],
  ])('body %s', async (_, raw) => {
    expect((await post(raw)).status).toBe(400);
    expect(await get(String(stored.email))).toEqual({ status: 200, body: stored });
  });
});

// ---------------------------------------------------------------- authentication

describe('api_key', () => {
  let stored: Body;
  beforeAll(async () => {
    stored = await createUser({ name: 'Guarded User' });
  });

  const requests: Array<[Method, (key: string | null) => Promise<Reply>]> = [
    ['PUT', (key) => put(userBody(), key)],
    ['GET', (key) => get(String(stored.email), key)],
    ['POST', (key) => post({ email: stored.email, name: 'Hijacked' }, key)],
    ['DELETE', (key) => del(String(stored.email), key)],
  ];

  it.each(requests)('%s without api_key is 401', async (_, request) => {
    expect(await request(null)).toEqual(error(401, 'api_key is required'));
  });

  it.each(requests)('%s with an empty api_key is 401', async (_, request) => {
    expect(await request('')).toEqual(error(401, 'api_key is required'));
  });

  const wrongKeys: Array<[string, () => string | Promise<string>]> = [
    ['a malformed key', () => 'nope'],
    ['an unknown key', () => `sbk_000000000000_${'A'.repeat(43)}`],
    ['a forged key (known id, wrong secret)', () => tenant.apiKey.slice(0, -1) + (tenant.apiKey.endsWith('A') ? 'B' : 'A')],
    [
      'a revoked key',
      async () => {
        const { apiKey, secret } = await createApiKey(t.core, tenant.organizationId, 'revoked', ['provisioning']);
        await revokeApiKey(t.core, tenant.organizationId, apiKey.id);
        return secret;
      },
    ],
  ];

  describe.each(wrongKeys)('with %s', (_, makeKey) => {
    it.each(requests)('%s is 401', async (_, request) => {
      expect(await request(await makeKey())).toEqual(error(401, 'api_key is invalid or revoked'));
    });
  });

  it.each(requests)('%s with a key lacking the "provisioning" scope is 403', async (_, request) => {
    const { apiKey } = await createTenant(t.core, ['chat', 'agent_status', 'logs', 'admin']);
    expect(await request(apiKey)).toEqual(error(403, 'api_key lacks the "provisioning" scope'));
  });

  it('is checked before the body: an invalid body without a key is 401, not 400', async () => {
    expect(await put({ email: 'not-an-email' }, null)).toEqual(error(401, 'api_key is required'));
  });

  it('a key with only the "provisioning" scope is enough', async () => {
    const { secret } = await createApiKey(t.core, tenant.organizationId, 'provisioning only', ['provisioning']);
    expect(await get(String(stored.email), secret)).toEqual({ status: 200, body: stored });
  });

  it('none of the refused requests changed the user', async () => {
    expect(await get(String(stored.email))).toEqual({ status: 200, body: stored });
  });
});

// ---------------------------------------------------------------- tenant isolation

describe('tenant isolation: organization B cannot reach organization A’s users', () => {
  let stored: Body;
  beforeAll(async () => {
    stored = await createUser({ name: 'Tenant A User', accountType: 'prem', password: 'a-secret' });
  });

  it('GET answers 404', async () => {
    expect(await get(String(stored.email), other.apiKey)).toEqual(error(404, `no user with email ${String(stored.email)}`));
  });

  it('POST answers 404', async () => {
    const reply = await post({ email: stored.email, name: 'Taken Over', password: 'b-secret', accountType: 'trial' }, other.apiKey);
    expect(reply).toEqual(error(404, `no user with email ${String(stored.email)}`));
  });

  it('DELETE answers 404', async () => {
    expect(await del(String(stored.email), other.apiKey)).toEqual(error(404, `no user with email ${String(stored.email)}`));
  });

  it('A’s user is unchanged afterwards', async () => {
    expect(await get(String(stored.email))).toEqual({ status: 200, body: stored });
    await expect(logIn(t.core, String(stored.email), 'a-secret')).resolves.toBeDefined();
  });

  it('a user B creates belongs to B only', async () => {
    const body = userBody();
    expect((await put(body, other.apiKey)).status).toBe(201);
    expect(await get(String(body.email), other.apiKey)).toEqual({ status: 200, body: expectedUser(body) });
    expect((await get(String(body.email))).status).toBe(404);
  });
});
