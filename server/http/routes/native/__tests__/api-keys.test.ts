import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../../../core/commands/create-api-key.ts';
import { getApiKeys } from '../../../../core/queries/api-keys.ts';
import {
  bearer,
  call,
  expectError,
  expectRejectedWithoutChange,
  ISO_TIMESTAMP,
  UNKNOWN_IDS,
  useAdminApi,
} from './native-test-kit.ts';

/** GET/POST /api-keys, DELETE /api-keys/:id. */

const { t, tenant, other, admin } = useAdminApi();

const post = (payload: unknown) => call(t.app, 'POST', '/api-keys', { credentials: admin, payload });
const list = () => call(t.app, 'GET', '/api-keys', { credentials: admin });
const revoke = (id: string) => call(t.app, 'DELETE', `/api-keys/${id}`, { credentials: admin });

const KEY_FORMAT = /^sbk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

describe('POST /api-keys', () => {
  it('answers 201 with the key and its secret, which authenticates', async () => {
    const response = await post({ name: 'CI deploys', scopes: ['admin', 'provisioning', 'admin'] });

    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toStrictEqual({
      apiKey: {
        id: expect.any(String),
        name: 'CI deploys',
        keyId: expect.stringMatching(/^[0-9a-f]{12}$/),
        scopes: ['admin', 'provisioning'],
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        lastUsedAt: null,
        revokedAt: null,
      },
      secret: expect.stringMatching(KEY_FORMAT),
    });
    expect(KEY_FORMAT.exec(body.secret)![1]).toBe(body.apiKey.keyId);
    expect((await call(t.app, 'GET', '/widgets', { credentials: bearer(body.secret) })).statusCode).toBe(200);
  });

  it.each([
    ['no name', { scopes: ['admin'] }, 'name', 'name is required'],
    ['a blank name', { name: ' ', scopes: ['admin'] }, 'name', 'name must not be empty'],
    ['a 201-character name', { name: 'k'.repeat(201), scopes: ['admin'] }, 'name', 'name must be shorter than 201 characters'],
    ['no scopes', { name: 'k' }, 'scopes', 'scopes is required'],
    ['an empty scope list', { name: 'k', scopes: [] }, 'scopes', 'scopes must have at least 1 item(s)'],
    ['an unknown scope', { name: 'k', scopes: ['root'] }, 'scopes[0]', 'scopes[0] must be one of: admin, provisioning, chat, agent_status, logs'],
    ['scopes as a string', { name: 'k', scopes: 'admin' }, 'scopes', 'scopes must be of type array'],
    ['a secret chosen by the caller', { name: 'k', scopes: ['admin'], secret: 'mine' }, 'body', 'body has an unknown property "secret"'],
  ])('rejects %s with a 400 naming the field', async (_case, payload, field, message) => {
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => post(payload), { status: 400, code: 'invalid', field, message });
  });
});

describe('GET /api-keys', () => {
  it('lists the organization’s keys without ever showing a secret or its hash', async () => {
    const { secret } = (await post({ name: 'listed', scopes: ['chat'] })).json();
    const response = await list();

    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(secret);
    // The random part (after `sbk_<id>_`) may itself contain `_`: cut by position, not by separator.
    expect(response.body).not.toContain(secret.slice('sbk_'.length + 12 + 1));
    expect(response.body).not.toMatch(/secret/i);
    const { apiKeys } = response.json();
    expect(apiKeys.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['test key', 'listed']));
    for (const key of apiKeys) {
      expect(Object.keys(key).sort()).toEqual(['createdAt', 'id', 'keyId', 'lastUsedAt', 'name', 'revokedAt', 'scopes']);
    }
    // The other organization's key is not listed.
    const [theirs] = await getApiKeys(t.core, other.organizationId);
    expect(apiKeys.map((k: { id: string }) => k.id)).not.toContain(theirs!.id);
  });

  it('shows when a key was last used', async () => {
    const { apiKey, secret } = (await post({ name: 'used', scopes: ['admin'] })).json();
    await call(t.app, 'GET', '/widgets', { credentials: bearer(secret) });
    const listed = (await list()).json().apiKeys.find((k: { id: string }) => k.id === apiKey.id);
    expect(listed.lastUsedAt).toMatch(ISO_TIMESTAMP);
  });
});

describe('DELETE /api-keys/:id', () => {
  it('revokes: 204, the key stops authenticating, and stays listed with revokedAt', async () => {
    const { apiKey, secret } = (await post({ name: 'short-lived', scopes: ['admin'] })).json();

    const response = await revoke(apiKey.id);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expectError(await call(t.app, 'GET', '/widgets', { credentials: bearer(secret) }), {
      status: 401,
      code: 'unauthorized',
      message: 'API key is invalid or revoked',
    });
    const listed = (await list()).json().apiKeys.find((k: { id: string }) => k.id === apiKey.id);
    expect(listed).toStrictEqual({ ...apiKey, revokedAt: expect.stringMatching(ISO_TIMESTAMP) });
    expectError(await revoke(apiKey.id), { status: 404, code: 'not_found', message: 'api key not found or already revoked' });
  });

  it('lets a key revoke itself', async () => {
    const { apiKey, secret } = (await post({ name: 'self', scopes: ['admin'] })).json();
    expect((await call(t.app, 'DELETE', `/api-keys/${apiKey.id}`, { credentials: bearer(secret) })).statusCode).toBe(204);
    expect((await call(t.app, 'GET', '/api-keys', { credentials: bearer(secret) })).statusCode).toBe(401);
  });

  const NOT_FOUND = { status: 404, code: 'not_found', message: 'api key not found or already revoked' };

  it.each(UNKNOWN_IDS)('answers 404 for the unknown id %s', async (id) => {
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => revoke(id), NOT_FOUND);
  });

  it('answers 404 for another organization’s key, which keeps working', async () => {
    const { apiKey, secret } = await createApiKey(t.core, other.organizationId, 'theirs', ['admin']);
    expectError(await revoke(apiKey.id), NOT_FOUND);
    expect((await call(t.app, 'GET', '/widgets', { credentials: bearer(secret) })).statusCode).toBe(200);
  });
});
