import { describe, expect, it } from 'vitest';
import { getOrganization } from '../../../../core/queries/organizations.ts';
import { ISO_TIMESTAMP, bearer, call, createMember, expectError, sessionFor, useAdminApi } from './native-test-kit.ts';

/** The console user's personal access token (Chatwoot's api_access_token) and account id. */

const { t, tenant, admin } = useAdminApi();

const profileWith = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/profile', headers: { api_access_token: token } });

describe('/native/v1/me/access-token', () => {
  it('shows the account id, makes a token shown once, and a new one revokes the old at once', async () => {
    const { accountNumber } = (await getOrganization(t.core, tenant.organizationId))!;
    const before = await call(t.app, 'GET', '/me/access-token', { credentials: admin });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toStrictEqual({ accessToken: { accountId: accountNumber, createdAt: null } });

    const made = await call(t.app, 'POST', '/me/access-token', { credentials: admin });
    expect(made.statusCode, made.body).toBe(200);
    const first = made.json().accessToken;
    expect(first).toStrictEqual({ accountId: accountNumber, createdAt: expect.stringMatching(ISO_TIMESTAMP), token: expect.stringMatching(/^sbt_[A-Za-z0-9_-]{43}$/) });
    expect((await profileWith(first.token)).json()).toMatchObject({ email: tenant.adminEmail, account_id: accountNumber });

    const after = await call(t.app, 'GET', '/me/access-token', { credentials: admin });
    expect(after.json()).toStrictEqual({ accessToken: { accountId: accountNumber, createdAt: first.createdAt } });

    const second = (await call(t.app, 'POST', '/me/access-token', { credentials: admin })).json().accessToken;
    expect(second.token).not.toBe(first.token);
    expect((await profileWith(first.token)).statusCode).toBe(401);
    expect((await profileWith(second.token)).statusCode).toBe(200);
  });

  it('gives every person their own token, agents included', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    const session = await sessionFor(t.app, agent.email, agent.password);
    const made = await call(t.app, 'POST', '/me/access-token', { credentials: session });
    expect(made.statusCode, made.body).toBe(200);
    expect((await profileWith(made.json().accessToken.token)).json()).toMatchObject({ email: agent.email, role: 'agent' });
  });

  it('is for signed-in people only: no credentials, an API key and a request without the CSRF header are refused', async () => {
    expectError(await call(t.app, 'GET', '/me/access-token'), { status: 401, code: 'unauthorized', message: /^authentication required/ });
    const byKey = await call(t.app, 'POST', '/me/access-token', { credentials: bearer(tenant.apiKey) });
    expect(byKey.statusCode).toBe(403);
    // The session cookie alone, as a page of another site would send it.
    const forged = await call(t.app, 'POST', '/me/access-token', { credentials: { cookie: admin.cookie! } });
    expect(forged.statusCode).toBe(403);
  });
});
