import { describe, expect, it } from 'vitest';
import { createUser } from '../../../core/commands/create-user.ts';
import { updateUser } from '../../../core/commands/update-user.ts';
import { AGENT_KEYS, BASE58_24, expectInvalid, expectStatus, newEmail, NOT_ALLOWED, NOT_FOUND, PASSWORD, usePeopleApi } from './people-kit.ts';

/** Chatwoot's sign-in, profile and agents, as its clients call them. */

const { t, tenant, people, newPerson, cw, accountPath, idOnlyInOtherAccount } = usePeopleApi();

const BAD_CREDENTIALS = { success: false, errors: ['Invalid login credentials. Please try again.'] };
const USER_KEYS = [
  'access_token', 'account_id', 'available_name', 'avatar_url', 'confirmed', 'display_name', 'message_signature', 'email', 'id',
  'inviter_id', 'name', 'provider', 'pubsub_token', 'custom_attributes', 'role', 'ui_settings', 'uid', 'type', 'accounts',
];

describe('POST /auth/sign_in', () => {
  it('answers the user wrapped in data, with a new access token that works as api_access_token', async () => {
    const response = await cw('POST', '/auth/sign_in', { payload: { email: tenant.adminEmail, password: tenant.adminPassword } });
    expectStatus(response, 200);
    const { data } = response.json();
    expect(Object.keys(data)).toEqual(USER_KEYS);
    expect(data).toEqual({
      access_token: expect.stringMatching(/^sbt_[A-Za-z0-9_-]{43}$/),
      account_id: people.account,
      available_name: people.admin.user.name,
      avatar_url: '',
      confirmed: true,
      display_name: null,
      message_signature: null,
      email: tenant.adminEmail,
      id: people.admin.user.publicId,
      inviter_id: null,
      name: people.admin.user.name,
      provider: 'email',
      pubsub_token: expect.stringMatching(BASE58_24),
      custom_attributes: {},
      role: 'administrator',
      ui_settings: {},
      uid: tenant.adminEmail,
      type: null,
      accounts: [
        {
          id: people.account,
          name: expect.any(String),
          status: 'active',
          active_at: null,
          role: 'administrator',
          permissions: ['administrator'],
          availability: 'offline',
          availability_status: 'offline',
          auto_offline: true,
        },
      ],
    });
    expect(Number.isInteger(data.id)).toBe(true);
    // Signing in neither reveals nor replaces the personal token: both work.
    expect(data.access_token).not.toBe(people.admin.token);
    expectStatus(await cw('GET', '/api/v1/profile', { token: data.access_token }), 200);
    expectStatus(await cw('GET', '/api/v1/profile', { token: people.admin.token }), 200);
  });

  it('keeps one pubsub_token per user across sign-ins and the profile', async () => {
    const first = (await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email, password: PASSWORD } })).json().data;
    const second = (await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email.toUpperCase(), password: PASSWORD } })).json().data;
    const profile = (await cw('GET', '/api/v1/profile', { token: people.agent.token })).json();
    expect(second.pubsub_token).toBe(first.pubsub_token);
    expect(profile.pubsub_token).toBe(first.pubsub_token);
    expect(first.role).toBe('agent');
    expect(first.accounts[0].permissions).toEqual(['agent']);
  });

  it('accepts a urlencoded body', async () => {
    const form = new URLSearchParams({ email: people.agent.user.email, password: PASSWORD }).toString();
    const response = await cw('POST', '/auth/sign_in', { form });
    expectStatus(response, 200);
    expect(response.json().data.id).toBe(people.agent.user.publicId);
  });

  it("answers devise_token_auth's 401 to a wrong password, an unknown e-mail and missing fields", async () => {
    expectStatus(await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email, password: 'wrong password' } }), 401, BAD_CREDENTIALS);
    expectStatus(await cw('POST', '/auth/sign_in', { payload: { email: newEmail('nobody'), password: PASSWORD } }), 401, BAD_CREDENTIALS);
    expectStatus(await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email } }), 401, BAD_CREDENTIALS);
    expectStatus(await cw('POST', '/auth/sign_in', { payload: {} }), 401, BAD_CREDENTIALS);
  });

  it('refuses a disabled user like a wrong password', async () => {
    const email = newEmail('disabled');
    const user = await createUser(t.core, tenant.organizationId, { email, name: 'Gone', password: PASSWORD });
    await updateUser(t.core, tenant.organizationId, user.id, { disabled: true });
    expectStatus(await cw('POST', '/auth/sign_in', { payload: { email, password: PASSWORD } }), 401, BAD_CREDENTIALS);
  });

  it("counts attempts with the console's login: the 11th from one address for one e-mail is a 429, even with the right password", async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i++) {
      expectStatus(await cw('POST', '/native/v1/auth/login', { payload: { email: people.agent.user.email, password: 'wrong password' }, remoteAddress: ip }), 401);
      expectStatus(await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email, password: 'wrong password' }, remoteAddress: ip }), 401);
    }
    const limited = await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email, password: PASSWORD }, remoteAddress: ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: expect.stringMatching(/^Rate limit exceeded, retry in \d+ s$/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expectStatus(await cw('POST', '/auth/sign_in', { payload: { email: people.agent.user.email, password: PASSWORD }, remoteAddress: '203.0.113.78' }), 200);
  });
});

describe('/api/v1/profile', () => {
  it('answers the user unwrapped, with the token the request came with, by header or Bearer', async () => {
    const response = await cw('GET', '/api/v1/profile', { token: people.agent.token });
    expectStatus(response, 200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(USER_KEYS);
    expect(body).toMatchObject({ id: people.agent.user.publicId, access_token: people.agent.token, account_id: people.account, role: 'agent', email: people.agent.user.email });
    const bearer = await cw('GET', '/api/v1/profile', { headers: { authorization: `Bearer ${people.agent.token}` } });
    expect(bearer.json()).toEqual(body);
    expectStatus(await cw('GET', '/api/v1/profile/', { token: people.agent.token }), 200);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expectStatus(await cw('GET', '/api/v1/profile'), 401, { error: 'Invalid Access Token' });
    expectStatus(await cw('GET', '/api/v1/profile', { token: 'sbt_' + 'x'.repeat(43) }), 401, { error: 'Invalid Access Token' });
    expectStatus(await cw('GET', '/api/v1/profile', { token: 'nonsense' }), 401, { error: 'Invalid Access Token' });
  });

  it('changes the name, display name and availability (PUT and PATCH, JSON and form)', async () => {
    const me = await newPerson('Old Name');
    const put = await cw('PUT', '/api/v1/profile', { token: me.token, payload: { profile: { name: 'New Name', display_name: 'Newbie', availability: 'busy' } } });
    expectStatus(put, 200);
    expect(put.json()).toMatchObject({ name: 'New Name', display_name: 'Newbie', available_name: 'Newbie', access_token: me.token });
    expect(put.json().accounts[0]).toMatchObject({ availability: 'busy', availability_status: 'busy' });
    const patch = await cw('PATCH', '/api/v1/profile', { token: me.token, form: 'profile[display_name]=' });
    expectStatus(patch, 200);
    expect(patch.json()).toMatchObject({ name: 'New Name', display_name: null, available_name: 'New Name' });
  });

  it('answers bad input with a 422 naming the field', async () => {
    expectInvalid(await cw('PUT', '/api/v1/profile', { token: people.agent.token, payload: { profile: { name: '' } } }), 'profile.name');
    expectInvalid(await cw('PUT', '/api/v1/profile', { token: people.agent.token, payload: { profile: { availability: 'asleep' } } }), 'profile.availability');
    expectInvalid(await cw('PUT', '/api/v1/profile', { token: people.agent.token, payload: { name: 'flat' } }), 'profile');
  });
});

describe('account access', () => {
  it("refuses another account's id, a missing token and a wrong one with 401", async () => {
    expectStatus(await cw('GET', accountPath('/agents', people.otherAccount), { token: people.admin.token }), 401, { error: 'You are not authorized to access this account' });
    expectStatus(await cw('GET', accountPath('/inboxes', 999_999_999), { token: people.admin.token }), 401, { error: 'You are not authorized to access this account' });
    expectStatus(await cw('GET', accountPath('/agents')), 401, { error: 'Invalid Access Token' });
    expectStatus(await cw('GET', accountPath('/inboxes'), { token: people.otherAdmin.token }), 401);
  });
});

describe('agents', () => {
  it('lists every person of the account as agents, sorted by name, to agents and administrators alike', async () => {
    const response = await cw('GET', accountPath('/agents'), { token: people.agent.token });
    expectStatus(response, 200);
    const agents = response.json() as Array<Record<string, unknown>>;
    expect(Array.isArray(agents)).toBe(true);
    const names = agents.map((a) => a.name as string);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const zoe = agents.find((a) => a.id === people.agent.user.publicId)!;
    expect(Object.keys(zoe)).toEqual(AGENT_KEYS);
    expect(zoe).toEqual({
      id: people.agent.user.publicId,
      account_id: people.account,
      availability_status: 'offline',
      auto_offline: true,
      confirmed: true,
      email: people.agent.user.email,
      provider: 'email',
      available_name: 'Zoe Agent',
      custom_attributes: {},
      name: 'Zoe Agent',
      role: 'agent',
      thumbnail: '',
    });
    expect(agents.find((a) => a.id === people.admin.user.publicId)).toMatchObject({ role: 'administrator' });
    expect((await cw('GET', accountPath('/agents/'), { token: people.agent.token })).statusCode).toBe(200);
  });

  it('creates an agent from a flat or wrapped JSON body and from a form', async () => {
    const email = newEmail('new');
    const created = await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'New Agent', email, role: 'agent', availability_status: 'busy' } });
    expectStatus(created, 200);
    expect(created.json()).toEqual({
      id: expect.any(Number),
      account_id: people.account,
      availability_status: 'busy',
      auto_offline: true,
      // No password yet: Chatwoot's unaccepted invitation.
      confirmed: false,
      email,
      provider: 'email',
      available_name: 'New Agent',
      custom_attributes: {},
      name: 'New Agent',
      role: 'agent',
      thumbnail: '',
    });
    const wrapped = await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { agent: { name: 'Wrapped', email: newEmail('wrapped'), role: 'administrator' } } });
    expectStatus(wrapped, 200);
    expect(wrapped.json()).toMatchObject({ name: 'Wrapped', role: 'administrator' });
    const formEmail = newEmail('form');
    const form = await cw('POST', accountPath('/agents'), { token: people.admin.token, form: `agent[name]=Form+Agent&agent[email]=${encodeURIComponent(formEmail)}&agent[role]=agent` });
    expectStatus(form, 200);
    expect(form.json()).toMatchObject({ name: 'Form Agent', email: formEmail, role: 'agent' });
  });

  it('answers bad input with a 422 naming the field', async () => {
    expectInvalid(await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'Twin', email: people.agent.user.email, role: 'agent' } }), 'email');
    expectInvalid(await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'Nobody', role: 'agent' } }), 'email');
    expectInvalid(await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { email: newEmail('noname'), role: 'agent' } }), 'name');
    expectInvalid(await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'X', email: newEmail('role'), role: 'owner' } }), 'role');
    expectInvalid(await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'X', email: 'not an e-mail', role: 'agent' } }), 'email');
  });

  it('changes name, role and availability; an unknown id or another account’s is a 404', async () => {
    const email = newEmail('change');
    const { id } = (await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'Before', email, role: 'agent' } })).json();
    const changed = await cw('PATCH', accountPath(`/agents/${id}`), { token: people.admin.token, payload: { name: 'After', role: 'administrator', availability: 'offline' } });
    expectStatus(changed, 200);
    expect(changed.json()).toMatchObject({ id, name: 'After', role: 'administrator', availability_status: 'offline' });
    const form = await cw('PATCH', accountPath(`/agents/${id}`), { token: people.admin.token, form: 'agent[role]=agent' });
    expect(form.json()).toMatchObject({ id, role: 'agent' });

    expectStatus(await cw('PATCH', accountPath('/agents/999999'), { token: people.admin.token, payload: { name: 'x' } }), 404, NOT_FOUND);
    expectStatus(await cw('PATCH', accountPath('/agents/abc'), { token: people.admin.token, payload: { name: 'x' } }), 404, NOT_FOUND);
    expectStatus(await cw('DELETE', accountPath('/agents/99999999999'), { token: people.admin.token }), 404, NOT_FOUND);
    const foreign = await idOnlyInOtherAccount();
    expectStatus(await cw('PATCH', accountPath(`/agents/${foreign}`), { token: people.admin.token, payload: { name: 'x' } }), 404, NOT_FOUND);
    expectStatus(await cw('DELETE', accountPath(`/agents/${foreign}`), { token: people.admin.token }), 404, NOT_FOUND);
  });

  it('deletes an agent, never the last administrator', async () => {
    const { id } = (await cw('POST', accountPath('/agents'), { token: people.admin.token, payload: { name: 'Leaving', email: newEmail('leaving'), role: 'agent' } })).json();
    const deleted = await cw('DELETE', accountPath(`/agents/${id}`), { token: people.admin.token });
    expectStatus(deleted, 200);
    expect(deleted.body).toBe('');
    const ids = ((await cw('GET', accountPath('/agents'), { token: people.admin.token })).json() as Array<{ id: number }>).map((a) => a.id);
    expect(ids).not.toContain(id);

    const lone = await cw('DELETE', accountPath(`/agents/${people.otherAdmin.user.publicId}`, people.otherAccount), { token: people.otherAdmin.token });
    expect(lone.statusCode).toBe(422);
    expect(lone.json()).toEqual({ error: 'the last active admin of an organization cannot be deleted' });
    const demoted = await cw('PATCH', accountPath(`/agents/${people.otherAdmin.user.publicId}`, people.otherAccount), { token: people.otherAdmin.token, payload: { role: 'agent' } });
    expect(demoted.statusCode).toBe(422);
  });

  it('refuses agents every change with 401, before judging the body', async () => {
    expectStatus(await cw('POST', accountPath('/agents'), { token: people.agent.token, payload: { name: 'X', email: newEmail('x'), role: 'agent' } }), 401, NOT_ALLOWED);
    expectStatus(await cw('POST', accountPath('/agents'), { token: people.agent.token, payload: { role: 'nonsense' } }), 401, NOT_ALLOWED);
    expectStatus(await cw('PATCH', accountPath(`/agents/${people.agent.user.publicId}`), { token: people.agent.token, payload: { role: 'administrator' } }), 401, NOT_ALLOWED);
    expectStatus(await cw('DELETE', accountPath(`/agents/${people.admin.user.publicId}`), { token: people.agent.token }), 401, NOT_ALLOWED);
  });
});
