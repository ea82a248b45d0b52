import { expect, it } from 'vitest';
import { issueAccessToken } from '../../core/commands/issue-access-token.ts';
import { getUserByEmail } from '../../core/queries/users.ts';
import { useTestApp } from '../../test/test-app.ts';

const { t, tenant } = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3', API_RATE_LIMIT_PER_MINUTE: '5' }, tenants: 1 });

const statuses = async (count: number, url: string, ip: string, headers: Record<string, string> = {}) => {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await t.app.inject({ method: 'GET', url, remoteAddress: ip, headers })).statusCode);
  return codes;
};

/** Where the limit struck: the 1-based number of the first 429, or undefined. */
const firstRefused = (codes: number[]) => (codes.includes(429) ? codes.indexOf(429) + 1 : undefined);

it('limits anonymous callers per IP, in the API family error shape', async () => {
  expect(await statuses(4, '/console', '198.51.100.1')).toEqual([200, 200, 200, 429]);
  expect(await statuses(1, '/console', '198.51.100.2')).toEqual([200]);
  const limited = await t.app.inject({ method: 'GET', url: '/api/v1/user.json?email=a@b.co', remoteAddress: '198.51.100.1' });
  expect(limited.statusCode).toBe(429);
});

it('gives a credential that merely looks like one the anonymous allowance, on public routes and the realtime upgrade', async () => {
  expect(firstRefused(await statuses(4, '/console', '198.51.100.10', { authorization: 'x' }))).toBe(4);
  expect(firstRefused(await statuses(4, '/realtime', '198.51.100.11', { authorization: 'x' }))).toBe(4);
  expect(firstRefused(await statuses(4, '/console', '198.51.100.12', { 'x-api-key': 'x', cookie: 'sb_session=x' }))).toBe(4);
  // Well-formed, but no such key: the lookup fails, so no larger allowance.
  expect(await statuses(4, '/api/v1/user.json?api_key=sbk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&email=a@b.co', '198.51.100.13')).toEqual([
    401, 401, 401, 429,
  ]);
});

it("gives a person's verified access token (Chatwoot's api_access_token) the larger allowance, a made-up one the anonymous", async () => {
  const admin = (await getUserByEmail(t.core, tenant.organizationId, tenant.adminEmail))!;
  const { token } = await issueAccessToken(t.core, tenant.organizationId, admin.id, 'personal');
  expect(await statuses(6, '/api/v1/profile', '198.51.100.30', { api_access_token: token })).toEqual([200, 200, 200, 200, 200, 429]);
  expect(firstRefused(await statuses(6, '/api/v1/profile', '198.51.100.31', { authorization: `Bearer ${token}` }))).toBe(6);
  expect(await statuses(4, '/api/v1/profile', '198.51.100.32', { api_access_token: `sbt_${'A'.repeat(43)}` })).toEqual([401, 401, 401, 429]);
});

it('gives callers whose API key or console session was verified the larger allowance', async () => {
  expect(firstRefused(await statuses(6, `/api/v1/user.json?api_key=${tenant.apiKey}&email=a@b.co`, '198.51.100.20'))).toBe(6);
  expect(firstRefused(await statuses(6, '/console', '198.51.100.21', { authorization: `Bearer ${tenant.apiKey}` }))).toBe(6);
  expect(firstRefused(await statuses(6, '/realtime', '198.51.100.22', { 'x-api-key': tenant.apiKey }))).toBe(6);

  const login = await t.app.inject({ method: 'POST', url: '/native/v1/auth/login', payload: { email: tenant.adminEmail, password: tenant.adminPassword } });
  const session = login.cookies.find((cookie) => cookie.name === 'sb_session')!.value;
  expect(await statuses(6, '/native/v1/me', '198.51.100.23', { cookie: `sb_session=${session}` })).toEqual([200, 200, 200, 200, 200, 429]);
});

it('never limits the health probes', async () => {
  expect(await statuses(5, '/healthz', '198.51.100.4')).toEqual([200, 200, 200, 200, 200]);
});
