import { afterEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../../../core/commands/update-user.ts';
import { DEFAULT_PASSWORD_HASHING, passwordHashing } from '../../../../core/security/passwords.ts';
import { createTenant, createTestApp, useTestApp } from '../../../../test/test-app.ts';
import {
  bearer,
  call,
  cookieHeader,
  createMember,
  expectError,
  ISO_TIMESTAMP,
  logIn,
  newEmail,
  SESSION_MAX_AGE_SECONDS,
  sessionFor,
} from './native-test-kit.ts';

/** POST /auth/login, POST /auth/logout, GET /me. */

const { t, tenant } = useTestApp({ tenants: 1 });

const WRONG_CREDENTIALS = { status: 401, code: 'unauthorized', message: 'wrong e-mail or password' };

describe('POST /auth/login', () => {
  it('returns the user and sets an HttpOnly, SameSite=Strict session cookie for the whole site', async () => {
    const response = await logIn(t.app, tenant.adminEmail, tenant.adminPassword);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({
      user: {
        id: expect.any(String),
        organizationId: tenant.organizationId,
        email: tenant.adminEmail,
        name: 'Admin',
        role: 'admin',
        alias: null,
        avatarUrl: null,
        phone: null,
        maxConcurrentChats: 5,
        presence: 'offline',
        hasPassword: true,
        disabled: false,
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
      },
    });
    // No Secure on a plain-http public URL (local development), or browsers would drop the cookie.
    expect(response.headers['set-cookie']).toMatch(
      new RegExp(`^sb_session=[A-Za-z0-9_-]{43}; Max-Age=${SESSION_MAX_AGE_SECONDS}; Path=/; HttpOnly; SameSite=Strict$`),
    );
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secureApp = await createTestApp({ PUBLIC_URL: 'https://chat.example.com' });
    try {
      const secureTenant = await createTenant(secureApp.core);
      const response = await logIn(secureApp.app, secureTenant.adminEmail, secureTenant.adminPassword);
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toMatch(
        new RegExp(`^sb_session=[A-Za-z0-9_-]{43}; Max-Age=${SESSION_MAX_AGE_SECONDS}; Path=/; HttpOnly; Secure; SameSite=Strict$`),
      );
    } finally {
      await secureApp.close();
    }
  });

  it('opens a session that authenticates later requests', async () => {
    const credentials = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
    const me = await call(t.app, 'GET', '/me', { credentials });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(tenant.adminEmail);
  });

  it('treats the e-mail case-insensitively', async () => {
    const response = await logIn(t.app, tenant.adminEmail.toUpperCase(), tenant.adminPassword);
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same 401 and no cookie', async () => {
    for (const [email, password] of [
      [tenant.adminEmail, 'not the password'],
      [newEmail('nobody'), tenant.adminPassword],
    ] as const) {
      const response = await logIn(t.app, email, password);
      expectError(response, WRONG_CREDENTIALS);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a user without a password and a disabled user with the same 401', async () => {
    const invited = await createMember(t.core, tenant.organizationId, 'agent', { password: undefined });
    expectError(await logIn(t.app, invited.email, 'any password at all'), WRONG_CREDENTIALS);

    const disabled = await createMember(t.core, tenant.organizationId, 'agent');
    await updateUser(t.core, tenant.organizationId, disabled.user.id, { disabled: true });
    expectError(await logIn(t.app, disabled.email, disabled.password), WRONG_CREDENTIALS);
  });

  it.each([
    ['no e-mail', { password: 'x' }, 'email', 'email is required'],
    ['no password', { email: 'a@example.com' }, 'password', 'password is required'],
    ['an e-mail that is not one', { email: 'not-an-email', password: 'x' }, 'email', 'email must be a valid email'],
    ['a number as password', { email: 'a@example.com', password: 12345678 }, 'password', 'password must be of type string'],
    ['an empty password', { email: 'a@example.com', password: '' }, 'password', 'password must not be empty'],
    ['a 201-character password', { email: 'a@example.com', password: 'x'.repeat(201) }, 'password', 'password must be shorter than 201 characters'],
    ['an unknown property', { email: 'a@example.com', password: 'x', remember: true }, 'body', 'body has an unknown property "remember"'],
  ])('rejects %s with a 400 naming the field', async (_case, payload, field, message) => {
    const response = await call(t.app, 'POST', '/auth/login', { payload });
    expectError(response, { status: 400, code: 'invalid', field, message });
  });

  it('limits attempts per client IP and e-mail to 10 a minute, then answers 429 even to the right password', async () => {
    const target = await createMember(t.core, tenant.organizationId, 'agent');
    const attackerIp = '203.0.113.7';
    for (let attempt = 1; attempt <= 10; attempt++) {
      expectError(await logIn(t.app, target.email, `guess ${attempt}`, attackerIp), WRONG_CREDENTIALS);
    }

    const limited = await logIn(t.app, target.email, target.password, attackerIp);
    expectError(limited, { status: 429, code: 'rate_limited', message: /^Rate limit exceeded, retry in / });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Spelling the e-mail differently is the same key.
    expect((await logIn(t.app, ` ${target.email.toUpperCase()} `, target.password, attackerIp)).statusCode).toBe(429);

    // The owner logging in from elsewhere, and other accounts from the same IP, are unaffected.
    expect((await logIn(t.app, target.email, target.password, '198.51.100.20')).statusCode).toBe(200);
    expect((await logIn(t.app, tenant.adminEmail, tenant.adminPassword, attackerIp)).statusCode).toBe(200);
  });
});

describe('POST /auth/login from one address across e-mails (password spraying)', () => {
  const { t: sprayed, tenant: victim } = useTestApp({ tenants: 1, env: { LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '20' } });

  it('answers the 21st attempt from one IP with 429, whatever e-mail it names, while other addresses still sign in', async () => {
    const attackerIp = '203.0.113.99';
    for (let attempt = 1; attempt <= 20; attempt++) {
      expectError(await logIn(sprayed.app, newEmail(`sprayed${attempt}`), 'Summer2024!', attackerIp), WRONG_CREDENTIALS);
    }

    const limited = await logIn(sprayed.app, victim.adminEmail, victim.adminPassword, attackerIp);
    expectError(limited, { status: 429, code: 'rate_limited', message: /^Rate limit exceeded, retry in \d+ s$/ });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['set-cookie']).toBeUndefined();
    // Malformed attempts count too: the limit runs before validation.
    expect((await call(sprayed.app, 'POST', '/auth/login', { payload: { email: 'x' }, remoteAddress: attackerIp })).statusCode).toBe(429);

    expect((await logIn(sprayed.app, victim.adminEmail, victim.adminPassword, '198.51.100.77')).statusCode).toBe(200);
  });
});

describe('POST /auth/login while password hashing is saturated', () => {
  afterEach(() => passwordHashing.configure(DEFAULT_PASSWORD_HASHING));

  it('answers 503 at once instead of queueing behind other hashes, and signs in again once there is room', async () => {
    passwordHashing.configure({ concurrency: 1, maxWaiting: 0 });
    let release!: () => void;
    const occupying = passwordHashing.run(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      expectError(await logIn(t.app, tenant.adminEmail, tenant.adminPassword), {
        status: 503,
        code: 'unavailable',
        message: 'the server is busy checking other passwords; try again in a few seconds',
      });
    } finally {
      release();
      await occupying;
    }
    expect((await logIn(t.app, tenant.adminEmail, tenant.adminPassword)).statusCode).toBe(200);
  });
});

describe('POST /auth/logout', () => {
  it('ends the session on the server and clears the cookie', async () => {
    const credentials = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);

    const response = await call(t.app, 'POST', '/auth/logout', { credentials });

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['set-cookie']).toBe(
      'sb_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    );
    // Replaying the old cookie (as a stolen copy would) no longer works.
    expectError(await call(t.app, 'GET', '/me', { credentials }), {
      status: 401,
      code: 'unauthorized',
      message: 'session has expired or ended; log in again',
    });
  });

  it('accepts the empty JSON body a fetch helper sends', async () => {
    const credentials = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
    const response = await call(t.app, 'POST', '/auth/logout', { credentials, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(204);
  });

  it('leaves the user’s other sessions alone', async () => {
    const laptop = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
    const phone = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
    expect((await call(t.app, 'POST', '/auth/logout', { credentials: laptop })).statusCode).toBe(204);
    expect((await call(t.app, 'GET', '/me', { credentials: phone })).statusCode).toBe(200);
  });

  it('needs a session: 401 without one, 403 for an API key', async () => {
    expectError(await call(t.app, 'POST', '/auth/logout'), {
      status: 401,
      code: 'unauthorized',
      message: 'authentication required: log in, or send "Authorization: Bearer <api key>"',
    });
    expectError(await call(t.app, 'POST', '/auth/logout', { credentials: bearer(tenant.apiKey) }), {
      status: 403,
      code: 'forbidden',
      message: 'this endpoint needs a logged-in console user, not an API key',
    });
  });
});

describe('GET /me', () => {
  it('returns the logged-in user, agents included', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent', { alias: 'Sam', maxConcurrentChats: 2 });
    const response = await call(t.app, 'GET', '/me', { credentials: await sessionFor(t.app, agent.email, agent.password) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({
      user: {
        id: agent.user.id,
        organizationId: tenant.organizationId,
        email: agent.email,
        name: agent.user.name,
        role: 'agent',
        alias: 'Sam',
        avatarUrl: null,
        phone: null,
        maxConcurrentChats: 2,
        presence: 'offline',
        hasPassword: true,
        disabled: false,
        createdAt: agent.user.createdAt.toISOString(),
      },
    });
  });

  it('is refused to an API key, which is not a person', async () => {
    expectError(await call(t.app, 'GET', '/me', { credentials: bearer(tenant.apiKey) }), {
      status: 403,
      code: 'forbidden',
      message: 'this endpoint needs a logged-in console user, not an API key',
    });
  });

  it('rejects a made-up session cookie', async () => {
    expectError(await call(t.app, 'GET', '/me', { credentials: cookieHeader('forged-token') }), {
      status: 401,
      code: 'unauthorized',
      message: 'session has expired or ended; log in again',
    });
  });
});
