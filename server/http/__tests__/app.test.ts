import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

const { t, tenant } = useTestApp({ env: { BODY_LIMIT_BYTES: '2048' }, tenants: 1 });

describe('health', () => {
  it('answers liveness and readiness', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});

describe('request ids', () => {
  it('echoes a caller-supplied x-request-id and mints one otherwise', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    const minted = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('limits', () => {
  it('rejects a body over BODY_LIMIT_BYTES with 413 in the API family error shape', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/user.json?api_key=${tenant.apiKey}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'big@example.com', name: 'x'.repeat(4000), password: '12345', accountType: 'biz' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 413, message: 'request body is too large' });
  });

  it('rejects a body that is not JSON with 400 naming the problem', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/user.json?api_key=${tenant.apiKey}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 400, message: 'request body is not valid JSON' });
  });
});

describe('pages', () => {
  it('embeds the first widget on /demo with its snippet, escaped', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/demo' })).statusCode).toBe(404);
    const created = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/widget.json?api_key=${tenant.apiKey}`,
      payload: {
        email: tenant.adminEmail,
        name: '<b>Shop</b>',
        agents: [{ agentId: tenant.adminEmail, agentAlias: 'Ann', agentAvatar: '', agentType: 'webclient' }],
      },
    });
    const { uuid } = created.json();
    const response = await t.app.inject({ method: 'GET', url: '/demo' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<script src="/js/${uuid}.js" async></script>`);
    expect(response.body).toContain('<strong>&lt;b&gt;Shop&lt;/b&gt;</strong>');
    expect(response.body).toContain('&lt;script type=&quot;text/javascript&quot;&gt;');
  });
});

describe('secrets in URLs', () => {
  it('answers an unknown route without echoing its query string', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/user.json?api_key=${tenant.apiKey}` });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(tenant.apiKey);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'no route for PATCH /api/v1/user.json', requestId: response.headers['x-request-id'] },
    });
  });
});
