import { expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

const { t } = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3', API_RATE_LIMIT_PER_MINUTE: '5' } });

const statuses = async (count: number, url: string, ip: string) => {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await t.app.inject({ method: 'GET', url, remoteAddress: ip })).statusCode);
  return codes;
};

it('limits anonymous callers per IP, in the API family error shape', async () => {
  expect(await statuses(4, '/console', '198.51.100.1')).toEqual([200, 200, 200, 429]);
  expect(await statuses(1, '/console', '198.51.100.2')).toEqual([200]);
  const limited = await t.app.inject({ method: 'GET', url: '/api/v1/user.json?email=a@b.co', remoteAddress: '198.51.100.1' });
  expect(limited.statusCode).toBe(429);
});

it('gives callers that present an API credential the larger allowance', async () => {
  expect(await statuses(6, '/api/v1/user.json?api_key=sbk_000000000000_x&email=a@b.co', '198.51.100.3')).toEqual([401, 401, 401, 401, 401, 429]);
});

it('never limits the health probes', async () => {
  expect(await statuses(5, '/healthz', '198.51.100.4')).toEqual([200, 200, 200, 200, 200]);
});
