import { describe, expect, it } from 'vitest';
import { getUser, getUserByEmail } from '../../../../core/queries/users.ts';
import { createTenant } from '../../../../test/test-app.ts';
import {
  call,
  createMember,
  expectError,
  expectRejectedWithoutChange,
  ISO_TIMESTAMP,
  logIn,
  newEmail,
  sessionFor,
  UNKNOWN_IDS,
  useAdminApi,
} from './native-test-kit.ts';

/** GET/POST /users, PATCH/DELETE /users/:id. */

const { t, tenant, other, admin } = useAdminApi();

const post = (payload: unknown) => call(t.app, 'POST', '/users', { credentials: admin, payload });
const patch = (id: string, payload: unknown) => call(t.app, 'PATCH', `/users/${id}`, { credentials: admin, payload });
const del = (id: string) => call(t.app, 'DELETE', `/users/${id}`, { credentials: admin });
/** Other tests add admins to `tenant`; the last-admin rules need an organization whose only admin is known. */
async function organizationWithOneAdmin() {
  const lone = await createTenant(t.core);
  const adminId = (await getUserByEmail(t.core, lone.organizationId, lone.adminEmail))!.id;
  return { lone, adminId };
}

const rejectedWithoutChange = (send: () => ReturnType<typeof post>, expected: Parameters<typeof expectError>[1]) =>
  expectRejectedWithoutChange(t.core, tenant.organizationId, send, expected);

describe('POST /users', () => {
  it('creates a user, answers 201 without any password material, and the user can log in', async () => {
    const email = newEmail('ann');
    const response = await post({
      email: email.toUpperCase(),
      name: 'Ann Example',
      role: 'admin',
      password: 'twelve chars',
      alias: 'Ann',
      avatarUrl: 'https://cdn.example.com/ann.png',
      phone: '+49 (30) 1234-56',
      maxConcurrentChats: 3,
    });

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toStrictEqual({
      user: {
        id: expect.any(String),
        organizationId: tenant.organizationId,
        email,
        name: 'Ann Example',
        role: 'admin',
        alias: 'Ann',
        avatarUrl: 'https://cdn.example.com/ann.png',
        phone: '+49 (30) 1234-56',
        maxConcurrentChats: 3,
        presence: 'offline',
        hasPassword: true,
        disabled: false,
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
      },
    });
    expect(response.body).not.toMatch(/twelve chars|scrypt|passwordHash/);
    expect((await logIn(t.app, email, 'twelve chars')).statusCode).toBe(200);
  });

  it('creates an agent without a password, who cannot log in until one is set', async () => {
    const email = newEmail('invitee');
    const response = await post({ email, name: 'Invitee' });
    expect(response.statusCode).toBe(201);
    const { user } = response.json();
    expect(user).toMatchObject({ role: 'agent', hasPassword: false, maxConcurrentChats: 5, alias: null });

    expect((await logIn(t.app, email, 'chosen later')).statusCode).toBe(401);
    expect((await patch(user.id, { password: 'chosen later' })).json().user.hasPassword).toBe(true);
    expect((await logIn(t.app, email, 'chosen later')).statusCode).toBe(200);
  });

  it('refuses an e-mail this organization already uses with 409, saying so', async () => {
    await rejectedWithoutChange(() => post({ email: tenant.adminEmail.toUpperCase(), name: 'Copy' }), {
      status: 409,
      code: 'conflict',
      field: 'email',
      message: `a user with email ${tenant.adminEmail} already exists`,
    });
  });

  it('refuses an e-mail another organization uses without saying that a user has it', async () => {
    for (const payload of [{ email: other.adminEmail, name: 'Copy' }, { email: other.adminEmail, name: 'Copy', role: 'admin', password: 'long enough secret' }]) {
      await rejectedWithoutChange(() => post(payload), {
        status: 409,
        code: 'conflict',
        field: 'email',
        message: `email ${other.adminEmail} cannot be used; choose another e-mail address`,
      });
    }
    expect((await logIn(t.app, other.adminEmail, other.adminPassword)).statusCode).toBe(200);
  });

  it.each([
    ['no e-mail', { name: 'N' }, 'email', 'email is required'],
    ['no name', { email: 'n@example.com' }, 'name', 'name is required'],
    ['an e-mail that is not one', { email: 'n@', name: 'N' }, 'email', 'email must be a valid email'],
    ['a 255-character e-mail', { email: `${'a'.repeat(243)}@example.com`, name: 'N' }, 'email', 'email must be shorter than 255 characters'],
    ['a blank name', { email: 'n@example.com', name: '  ' }, 'name', 'name must not be empty'],
    ['a 201-character name', { email: 'n@example.com', name: 'n'.repeat(201) }, 'name', 'name must be shorter than 201 characters'],
    ['a 7-character password', { email: 'n@example.com', name: 'N', password: 'seven77' }, 'password', 'password must be at least 8 characters'],
    ['an unknown role', { email: 'n@example.com', name: 'N', role: 'owner' }, 'role', 'role must be one of: admin, agent'],
    ['a negative chat limit', { email: 'n@example.com', name: 'N', maxConcurrentChats: -1 }, 'maxConcurrentChats', 'maxConcurrentChats must be at least 0'],
    ['a chat limit as text', { email: 'n@example.com', name: 'N', maxConcurrentChats: '3' }, 'maxConcurrentChats', 'maxConcurrentChats must be of type integer'],
    ['a non-http avatar', { email: 'n@example.com', name: 'N', avatarUrl: 'javascript:alert(1)' }, 'avatarUrl', 'avatarUrl has an invalid format'],
    ['letters in the phone', { email: 'n@example.com', name: 'N', phone: 'call me' }, 'phone', 'phone has an invalid format'],
    ['an unknown property', { email: 'n@example.com', name: 'N', passwordHash: 'x' }, 'body', 'body has an unknown property "passwordHash"'],
  ])('rejects %s with a 400 naming the field', async (_case, payload, field, message) => {
    await rejectedWithoutChange(() => post(payload), { status: 400, code: 'invalid', field, message });
  });
});

describe('GET /users', () => {
  it('lists this organization’s users only, never with password material', async () => {
    const response = await call(t.app, 'GET', '/users', { credentials: admin });
    expect(response.statusCode).toBe(200);
    const { users } = response.json();
    expect(users.map((u: { email: string }) => u.email)).toContain(tenant.adminEmail);
    expect(users.map((u: { email: string }) => u.email)).not.toContain(other.adminEmail);
    expect(Object.keys(users[0]).sort()).toEqual(
      ['alias', 'avatarUrl', 'createdAt', 'disabled', 'email', 'hasPassword', 'id', 'maxConcurrentChats', 'name', 'organizationId', 'phone', 'presence', 'role'],
    );
  });
});

describe('PATCH /users/:id', () => {
  it('changes only the fields sent', async () => {
    const { user } = await createMember(t.core, tenant.organizationId, 'agent', { phone: '123' });
    const response = await patch(user.id, { name: 'Renamed', alias: null, maxConcurrentChats: 0, avatarUrl: 'http://example.com/a.png' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual({
      user: {
        id: user.id,
        organizationId: tenant.organizationId,
        email: user.email,
        name: 'Renamed',
        role: 'agent',
        alias: null,
        avatarUrl: 'http://example.com/a.png',
        phone: '123',
        maxConcurrentChats: 0,
        presence: 'offline',
        hasPassword: true,
        disabled: false,
        createdAt: user.createdAt.toISOString(),
      },
    });
  });

  it('replaces the password: the new one works, the old one no longer does', async () => {
    const member = await createMember(t.core, tenant.organizationId, 'agent');
    expect((await patch(member.user.id, { password: 'replacement secret' })).statusCode).toBe(200);
    expect((await logIn(t.app, member.email, member.password)).statusCode).toBe(401);
    expect((await logIn(t.app, member.email, 'replacement secret')).statusCode).toBe(200);
  });

  it('disables and re-enables a user', async () => {
    const member = await createMember(t.core, tenant.organizationId, 'agent');
    expect((await patch(member.user.id, { disabled: true })).json().user.disabled).toBe(true);
    expect((await logIn(t.app, member.email, member.password)).statusCode).toBe(401);
    expect((await patch(member.user.id, { disabled: false })).json().user.disabled).toBe(false);
    expect((await logIn(t.app, member.email, member.password)).statusCode).toBe(200);
  });

  it('promotes an agent to admin and back', async () => {
    const member = await createMember(t.core, tenant.organizationId, 'agent');
    expect((await patch(member.user.id, { role: 'admin' })).json().user.role).toBe('admin');
    expect((await patch(member.user.id, { role: 'agent' })).json().user.role).toBe('agent');
  });

  it('refuses to demote or disable the last active admin with 409', async () => {
    const { lone, adminId: loneAdminId } = await organizationWithOneAdmin();
    const lastAdmin = { status: 409, code: 'conflict', message: 'the last active admin of an organization cannot be demoted or disabled' };
    // Only an admin may change an admin (an API key may not): here the lone admin, on themselves.
    const credentials = await sessionFor(t.app, lone.adminEmail, lone.adminPassword);
    for (const payload of [{ role: 'agent' }, { disabled: true }]) {
      await expectRejectedWithoutChange(
        t.core,
        lone.organizationId,
        () => call(t.app, 'PATCH', `/users/${loneAdminId}`, { credentials, payload }),
        lastAdmin,
      );
    }
  });

  it.each([
    ['an e-mail change', { email: 'new@example.com' }, 'body', 'body has an unknown property "email"'],
    ['a numeric name', { name: 7 }, 'name', 'name must be of type string'],
    ['a 201-character alias', { alias: 'a'.repeat(201) }, 'alias', 'alias must be shorter than 201 characters'],
    ['a short password', { password: 'short' }, 'password', 'password must be at least 8 characters'],
    ['a 201-character password', { password: 'p'.repeat(201) }, 'password', 'password must be shorter than 201 characters'],
    ['disabled as text', { disabled: 'true' }, 'disabled', 'disabled must be of type boolean'],
    ['a fractional chat limit', { maxConcurrentChats: 1.5 }, 'maxConcurrentChats', 'maxConcurrentChats must be of type integer'],
    ['a chat limit over 1000', { maxConcurrentChats: 1001 }, 'maxConcurrentChats', 'maxConcurrentChats must be at most 1000'],
  ])('rejects %s with a 400 naming the field', async (_case, payload, field, message) => {
    const { user } = await createMember(t.core, tenant.organizationId, 'agent');
    await rejectedWithoutChange(() => patch(user.id, payload), { status: 400, code: 'invalid', field, message });
  });
});

describe('DELETE /users/:id', () => {
  it('answers 204, after which the user is gone', async () => {
    const member = await createMember(t.core, tenant.organizationId, 'agent');
    const response = await del(member.user.id);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await getUser(t.core, tenant.organizationId, member.user.id)).toBeUndefined();
    expectError(await del(member.user.id), { status: 404, code: 'not_found', message: 'user not found' });
    expect((await logIn(t.app, member.email, member.password)).statusCode).toBe(401);
  });

  it('refuses to delete the last active admin with 409', async () => {
    const { lone, adminId: loneAdminId } = await organizationWithOneAdmin();
    const credentials = await sessionFor(t.app, lone.adminEmail, lone.adminPassword);
    await expectRejectedWithoutChange(
      t.core,
      lone.organizationId,
      () => call(t.app, 'DELETE', `/users/${loneAdminId}`, { credentials }),
      { status: 409, code: 'conflict', message: 'the last active admin of an organization cannot be deleted' },
    );
  });
});

describe('ids that name no user of the caller’s organization', () => {
  const NOT_FOUND = { status: 404, code: 'not_found', message: 'user not found' };

  it.each(UNKNOWN_IDS)('%s is a 404 for PATCH and DELETE', async (id) => {
    await rejectedWithoutChange(() => patch(id, { name: 'X' }), NOT_FOUND);
    await rejectedWithoutChange(() => del(id), NOT_FOUND);
  });

  it('another organization’s user is a 404 too, and stays untouched', async () => {
    const theirs = await createMember(t.core, other.organizationId, 'agent');
    expectError(await patch(theirs.user.id, { name: 'Hijacked', disabled: true }), NOT_FOUND);
    expectError(await del(theirs.user.id), NOT_FOUND);
    expect(await getUser(t.core, other.organizationId, theirs.user.id)).toStrictEqual(theirs.user);
  });
});
