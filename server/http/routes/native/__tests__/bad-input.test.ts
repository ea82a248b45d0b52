import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/test-app.ts';
import { bearer, call, type Credentials, expectError, expectRejectedWithoutChange, UNKNOWN_IDS } from './native-test-kit.ts';

/**
 * Inputs that used to reach SQL and answer 500 (found by bench/bad-input-sweep.ts): each is now a
 * 400 naming the field, or, for an empty PATCH, the record as it is.
 */

const { t, tenant } = useTestApp({ tenants: 1 });
let admin: Credentials;

beforeAll(async () => {
  admin = bearer(tenant.apiKey);
});

describe('NUL characters, which PostgreSQL cannot store, are a 400 naming the field', () => {
  it.each<[string, 'POST' | 'PATCH', string, Record<string, unknown>, string]>([
    ['a new widget’s name', 'POST', '/widgets', { name: 'Shop\u0000' }, 'name'],
    ['a new user’s name', 'POST', '/users', { email: 'nul@example.com', name: 'A\u0000B', role: 'agent' }, 'name'],
  ])('in %s', async (_, method, path, payload, field) => {
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => call(t.app, method, path, { credentials: admin, payload }), {
      status: 400,
      code: 'invalid',
      field,
      message: `${field} must not contain NUL characters`,
    });
  });

  it('in a bot’s endpoint token', async () => {
    const { bot } = (await call(t.app, 'POST', '/bots', { credentials: admin, payload: { name: 'Bot', endpointUrl: 'https://bot.example.com' } })).json();
    const response = await call(t.app, 'PATCH', `/bots/${bot.id}`, { credentials: admin, payload: { endpointToken: 'a\u0000b' } });
    expectError(response, { status: 400, code: 'invalid', field: 'endpointToken', message: 'endpointToken must not contain NUL characters' });
    expect((await call(t.app, 'GET', `/bots/${bot.id}`, { credentials: admin })).json()).toStrictEqual({ bot });
  });

  it('in a query string', async () => {
    const response = await call(t.app, 'GET', '/conversations/search?q=a%00b', { credentials: admin });
    expectError(response, { status: 400, code: 'invalid', field: 'q', message: 'q must not contain NUL characters' });
  });
});

it('an unpaired UTF-16 surrogate, which PostgreSQL’s json refuses, is a 400 naming the field', async () => {
  const send = () => call(t.app, 'POST', '/widgets', { credentials: admin, payload: { name: 'Shop \ud800' } });
  await expectRejectedWithoutChange(t.core, tenant.organizationId, send, {
    status: 400,
    code: 'invalid',
    field: 'name',
    message: 'name must not contain unpaired UTF-16 surrogates',
  });
});

describe('sequence numbers past what JavaScript counts exactly are a 400, not a bigint overflow in SQL', () => {
  it.each([
    ['beforeSeq of a message page', `/conversations/${UNKNOWN_IDS[0]}/messages?beforeSeq=`, 'beforeSeq'],
    ['before of a delivery page', `/webhooks/${UNKNOWN_IDS[0]}/deliveries?before=`, 'before'],
  ])('%s', async (_, path, field) => {
    for (const value of ['99999999999999999999999', '1e400', String(Number.MAX_SAFE_INTEGER + 1)]) {
      const response = await call(t.app, 'GET', `${path}${value}`, { credentials: admin });
      expectError(response, { status: 400, code: 'invalid', field, message: `${field} must be at most ${Number.MAX_SAFE_INTEGER}` });
    }
  });
});

describe('an empty PATCH changes nothing and answers the record as it is', () => {
  it('of a bot; 404 for an unknown one', async () => {
    const { bot } = (await call(t.app, 'POST', '/bots', { credentials: admin, payload: { name: 'Still', endpointUrl: 'https://bot.example.com' } })).json();
    const response = await call(t.app, 'PATCH', `/bots/${bot.id}`, { credentials: admin, payload: {} });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toStrictEqual({ bot });
    for (const id of UNKNOWN_IDS) {
      expectError(await call(t.app, 'PATCH', `/bots/${id}`, { credentials: admin, payload: {} }), { status: 404, code: 'not_found', message: 'bot not found' });
    }
  });

  it('of a webhook; 404 for an unknown one', async () => {
    const created = (await call(t.app, 'POST', '/webhooks', { credentials: admin, payload: { format: 'native', url: 'https://hooks.example.com/in' } })).json();
    const response = await call(t.app, 'PATCH', `/webhooks/${created.webhook.id}`, { credentials: admin, payload: {} });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toStrictEqual({ webhook: created.webhook });
    for (const id of UNKNOWN_IDS) {
      expectError(await call(t.app, 'PATCH', `/webhooks/${id}`, { credentials: admin, payload: {} }), { status: 404, code: 'not_found', message: 'webhook not found' });
    }
  });
});
