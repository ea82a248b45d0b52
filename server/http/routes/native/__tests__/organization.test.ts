import { describe, expect, it } from 'vitest';
import { getOrganization } from '../../../../core/queries/organizations.ts';
import { bearer, call, createMember, expectError, sessionFor, useAdminApi, type Credentials } from './native-test-kit.ts';

/** GET/PATCH /organization: the caller's organization and its settings, for admins only. */

const { t, tenant, other, admin } = useAdminApi();

/** Console sessions must send this header on writes (CSRF); API keys need not. */
const withCsrfHeader = (credentials: Credentials): Credentials => ({ ...credentials, 'x-requested-with': 'test' });
const get = (credentials: Credentials = admin) => call(t.app, 'GET', '/organization', { credentials });
const patch = (payload: unknown, credentials: Credentials = withCsrfHeader(admin)) => call(t.app, 'PATCH', '/organization', { credentials, payload });

describe('GET /organization', () => {
  it("gives an admin their own organization, with transcripts on by default", async () => {
    const response = await get();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toStrictEqual({
      organization: { id: tenant.organizationId, name: expect.stringMatching(/^Tenant \d+$/), accountNumber: expect.any(Number), transcriptsEnabled: true },
    });
  });

  it('answers 401 without credentials and 403 for an agent', async () => {
    expectError(await get({}), { status: 401, code: 'unauthorized', message: /^authentication required/ });
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    expectError(await get(await sessionFor(t.app, agent.email, agent.password)), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
  });
});

describe('PATCH /organization', () => {
  it('switches transcripts off and on and renames, leaving out fields as they are and other organizations untouched', async () => {
    const before = await getOrganization(t.core, other.organizationId);
    const off = await patch({ transcriptsEnabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().organization).toMatchObject({ id: tenant.organizationId, transcriptsEnabled: false });
    expect((await get()).json().organization.transcriptsEnabled).toBe(false);

    const renamed = await call(t.app, 'PATCH', '/organization', { credentials: bearer(tenant.apiKey), payload: { name: '  Acme Support  ' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().organization).toMatchObject({ name: 'Acme Support', transcriptsEnabled: false });

    expect((await patch({ transcriptsEnabled: true })).json().organization).toMatchObject({ name: 'Acme Support', transcriptsEnabled: true });
    expect(await getOrganization(t.core, other.organizationId)).toStrictEqual(before);
  });

  it('refuses bad input with a 400 naming the field, changing nothing', async () => {
    const before = await getOrganization(t.core, tenant.organizationId);
    const cases: Array<[unknown, string, string]> = [
      [{ transcriptsEnabled: 'no' }, 'transcriptsEnabled', 'transcriptsEnabled must be of type boolean'],
      [{ transcriptsEnabled: null }, 'transcriptsEnabled', 'transcriptsEnabled must be of type boolean'],
      [{ name: '' }, 'name', 'name must not be empty'],
      [{ name: '   ' }, 'name', 'name must not be empty'],
      [{ name: 'x'.repeat(201) }, 'name', 'name must be shorter than 201 characters'],
      [{ accountNumber: 7 }, 'body', 'body has an unknown property "accountNumber"'],
      [{ id: other.organizationId, transcriptsEnabled: false }, 'body', 'body has an unknown property "id"'],
    ];
    for (const [payload, field, message] of cases) expectError(await patch(payload), { status: 400, code: 'invalid', field, message });
    expectError(await call(t.app, 'PATCH', '/organization', { credentials: withCsrfHeader(admin), payload: '[]', headers: { 'content-type': 'application/json' } }), {
      status: 400,
      code: 'invalid',
      field: 'body',
      message: 'body must be of type object',
    });
    expect(await getOrganization(t.core, tenant.organizationId)).toStrictEqual(before);
  });

  it('answers 401 without credentials and 403 for an agent, changing nothing', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    const agentSession = withCsrfHeader(await sessionFor(t.app, agent.email, agent.password));
    expectError(await patch({ transcriptsEnabled: false }, {}), { status: 401, code: 'unauthorized', message: /^authentication required/ });
    expectError(await patch({ transcriptsEnabled: false }, agentSession), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
    expect((await getOrganization(t.core, tenant.organizationId))?.transcriptsEnabled).toBe(true);
  });
});
