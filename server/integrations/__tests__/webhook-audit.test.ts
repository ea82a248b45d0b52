import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call } from '../../http/routes/native/__tests__/native-test-kit.ts';
import { useTestApp } from '../../test/test-app.ts';
import { startReceiver, type TestReceiver } from './receiver.ts';
import { LOCAL_RECEIVERS, subscribe, useWebhookDelivery } from './webhook-test-kit.ts';

const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
const startEngine = useWebhookDelivery(t, LOCAL_RECEIVERS);
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('webhook subscription changes are audit events', () => {
  it('emits webhook.created, webhook.updated and webhook.deleted without the URL, token or secret', async () => {
    const credentials = bearer(tenant.apiKey);
    await subscribe(t.app, tenant.apiKey, { format: 'native', url: receiver.url, events: ['webhook.created', 'webhook.updated', 'webhook.deleted'] });
    const engine = startEngine();
    const secretUrl = 'https://hooks.example.test/in?token=url-secret';
    const { webhook, signingSecret } = await subscribe(t.app, tenant.apiKey, { format: 'native', url: secretUrl, events: ['conversation.closed'], authToken: 'token-secret' });
    const updated = await call(t.app, 'PATCH', `/webhooks/${webhook.id}`, { credentials, payload: { url: `${secretUrl}2`, rotateSecret: true, active: false } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect((await call(t.app, 'DELETE', `/webhooks/${webhook.id}`, { credentials })).statusCode).toBe(204);

    // Four: the listening subscription also hears of its own creation.
    await receiver.waitFor(() => receiver.accepted().length === 4);
    await engine.drained();
    const bodies = receiver.processed().map((request) => JSON.parse(request.body));
    expect(bodies.filter((body) => body.data.webhookId === webhook.id).map((body) => [body.event, body.data])).toEqual([
      ['webhook.created', { webhookId: webhook.id, format: 'native', widgetId: null, events: ['conversation.closed'] }],
      ['webhook.updated', { webhookId: webhook.id, changes: ['url', 'active', 'signingSecret'] }],
      ['webhook.deleted', { webhookId: webhook.id, format: 'native' }],
    ]);
    const raw = receiver.processed().map((request) => request.body).join('\n');
    for (const secret of ['url-secret', 'token-secret', signingSecret, updated.json().signingSecret]) expect(raw).not.toContain(secret);
  });

  it('emits nothing for a change that fails', async () => {
    const credentials = bearer(tenant.apiKey);
    await subscribe(t.app, tenant.apiKey, { format: 'native', url: receiver.url, events: ['webhook.updated', 'webhook.deleted'] });
    const engine = startEngine();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(t.app, 'PATCH', `/webhooks/${unknown}`, { credentials, payload: { active: false } })).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `/webhooks/${unknown}`, { credentials })).statusCode).toBe(404);
    // A change that succeeds afterwards proves the events are flowing while we look.
    const { webhook } = await subscribe(t.app, tenant.apiKey, { format: 'native', url: receiver.url });
    expect((await call(t.app, 'DELETE', `/webhooks/${webhook.id}`, { credentials })).statusCode).toBe(204);
    await receiver.waitFor(() => receiver.received.some((request) => request.body.includes(webhook.id)));
    await engine.drained();
    expect(receiver.received.filter((request) => request.body.includes(unknown))).toEqual([]);
  });
});
