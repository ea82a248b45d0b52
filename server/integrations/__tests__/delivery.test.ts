import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labelConversation } from '../../core/commands/label-conversation.ts';
import { createWidgetWith, insertConversations } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { bearer, call } from '../../http/routes/native/__tests__/native-test-kit.ts';
import type { WebhookDelivery } from '../index.ts';
import { verifySignature } from '../signature.ts';
import { startReceiver, type TestReceiver } from './receiver.ts';
import { LOCAL_RECEIVERS, subscribe as subscribeAs, useWebhookDelivery } from './webhook-test-kit.ts';

const { t, tenant, other } = useTestApp({ tenants: 2, env: LOCAL_RECEIVERS });
const startEngine = useWebhookDelivery(t, LOCAL_RECEIVERS);
let receiver: TestReceiver;
let delivery: WebhookDelivery | undefined;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
afterEach(async () => {
  delivery = undefined;
  receiver.respond(() => undefined);
  receiver.received.length = 0;
  // Each test subscribes anew; earlier subscriptions must not see its events.
  for (const tenantOf of [tenant, other]) {
    const { json } = await call(t.app, 'GET', '/webhooks', { credentials: bearer(tenantOf.apiKey) });
    for (const webhook of json().webhooks) await call(t.app, 'DELETE', `/webhooks/${webhook.id}`, { credentials: bearer(tenantOf.apiKey) });
  }
});

function startDelivery(env: Record<string, string> = {}) {
  delivery = startEngine(env);
  return delivery;
}

/** Label events only: the widgets and conversations a test makes send events of their own. */
const subscribe = (body: Record<string, unknown> = {}, apiKey = tenant.apiKey) =>
  subscribeAs(t.app, apiKey, { format: 'native', url: receiver.url, events: ['conversation.labeled'], ...body });

async function newConversation(organizationId = tenant.organizationId) {
  const widget = await createWidgetWith(t.core, organizationId, []);
  const [conversationId] = await insertConversations(t.core, { organizationId, widgetId: widget.id, assignee: null, status: 'queued' });
  return conversationId!;
}

const bodies = (receiver: TestReceiver) => receiver.processed().map((r) => JSON.parse(r.body));

describe('signed delivery', () => {
  it('POSTs the event once, signed over timestamp.body, with a stable delivery id and the auth token', async () => {
    const { webhook, signingSecret } = await subscribe({ authToken: 'token-123' });
    const conversationId = await newConversation();
    startDelivery();
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'billing');
    await receiver.waitFor(() => receiver.accepted().length === 1);
    await delivery!.drained();

    const [request] = receiver.received;
    const timestamp = Number(request!.headers['x-switchboard-timestamp']);
    expect(verifySignature(signingSecret, String(request!.headers['x-switchboard-signature']), timestamp, request!.body)).toBe(true);
    expect(verifySignature('whsec_wrong', String(request!.headers['x-switchboard-signature']), timestamp, request!.body)).toBe(false);
    expect(request!.headers.authorization).toBe('token-123');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-switchboard-event']).toBe('conversation.labeled');
    const body = JSON.parse(request!.body);
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'data', 'event', 'eventId', 'id', 'occurredAt', 'organizationId', 'widgetId'].sort());
    expect(body).toMatchObject({ id: request!.headers['x-switchboard-delivery'], event: 'conversation.labeled', conversationId, data: { name: 'topic', value: 'billing' } });

    const list = await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries`, { credentials: bearer(tenant.apiKey) });
    expect(list.json().deliveries).toEqual([expect.objectContaining({ id: body.id, state: 'delivered', attempts: 1, event: 'conversation.labeled' })]);
    const detail = await call(t.app, 'GET', `/webhook-deliveries/${body.id}`, { credentials: bearer(tenant.apiKey) });
    expect(detail.json().delivery.body).toBe(request!.body);
    expect(detail.json().delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: 200, error: null, responseExcerpt: '{"ok":true}' })]);
  });

  it('only sends the event types a subscription asks for, and only its own organization', async () => {
    await subscribe({ events: ['conversation.unlabeled'] });
    await subscribe({}, other.apiKey);
    const conversationId = await newConversation();
    startDelivery();
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'a');
    const { unlabelConversation } = await import('../../core/commands/label-conversation.ts');
    await unlabelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'a');
    await receiver.waitFor(() => receiver.accepted().length >= 1);
    await delivery!.drained();
    expect(bodies(receiver).map((b) => [b.event, b.organizationId])).toEqual([['conversation.unlabeled', tenant.organizationId]]);
  });
});

describe('retries', () => {
  it('keeps trying while the receiver is down, then delivers the same id and bytes when it is back', async () => {
    const { webhook } = await subscribe();
    const conversationId = await newConversation();
    await receiver.stop();
    startDelivery();
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'outage');
    // A few refused connections are recorded before the receiver comes back.
    await waitForAttempts(webhook.id, 3);
    await receiver.start();
    await receiver.waitFor(() => receiver.accepted().length === 1);
    await delivery!.drained();

    const [deliveryRow] = (await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
    const detail = (await call(t.app, 'GET', `/webhook-deliveries/${deliveryRow.id}`, { credentials: bearer(tenant.apiKey) })).json().delivery;
    expect(detail.state).toBe('delivered');
    expect(detail.attemptLog.length).toBeGreaterThanOrEqual(4);
    expect(detail.attemptLog.slice(0, -1).every((a: { statusCode: number | null; error: string }) => a.statusCode === null && a.error !== '')).toBe(true);
    expect(receiver.accepted()[0]!.headers['x-switchboard-delivery']).toBe(detail.id);
    expect(receiver.accepted()[0]!.body).toBe(detail.body);
  });

  it('retries 500, 429 and a response slower than the timeout, with the same bytes each time', async () => {
    await subscribe();
    const conversationId = await newConversation();
    receiver.respond((_request, index) => [{ status: 500 }, { status: 429 }, { delayMs: 2_500 }][index]);
    startDelivery();
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'flaky');
    await receiver.waitFor(() => receiver.accepted().length === 1);
    await delivery!.drained();
    // The slow answer (index 2) came after the sender gave up, so it was tried a fourth time.
    expect(receiver.received.length).toBeGreaterThanOrEqual(4);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['x-switchboard-delivery'])).size).toBe(1);
  });

  it('gives up at once on a 4xx, and a replay sends the same delivery again', async () => {
    const { webhook } = await subscribe();
    const conversationId = await newConversation();
    receiver.respond((_request, index) => (index === 0 ? { status: 410 } : undefined));
    startDelivery();
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'gone');
    await receiver.waitFor(() => receiver.received.length === 1);
    await delivery!.drained();
    const [failed] = (await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries?state=failed`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 410' });

    const replay = await call(t.app, 'POST', `/webhook-deliveries/${failed.id}/replay`, { credentials: bearer(tenant.apiKey) });
    expect(replay.statusCode, replay.body).toBe(200);
    delivery!.drained();
    await receiver.waitFor(() => receiver.accepted().length === 1);
    expect(receiver.accepted()[0]!.headers['x-switchboard-delivery']).toBe(failed.id);
    expect(receiver.accepted()[0]!.body).toBe(receiver.received[0]!.body);
    const again = await call(t.app, 'POST', `/webhook-deliveries/${failed.id}/replay`, { credentials: bearer(other.apiKey) });
    expect(again.statusCode).toBe(404);
  });

  it('marks a delivery failed when the retry window has passed', async () => {
    const { webhook } = await subscribe();
    const conversationId = await newConversation();
    receiver.respond(() => ({ status: 503 }));
    // Long enough for a second attempt even when a busy CI machine delays the retry by a second.
    startDelivery({ WEBHOOK_RETRY_WINDOW_MS: '1500' });
    await labelConversation(t.core, tenant.organizationId, conversationId, 'topic', 'never');
    await waitForState(webhook.id, 'failed');
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
  });
});

describe('ordering and duplicates', () => {
  it('keeps each conversation in event order through failures, and never delivers one event twice', async () => {
    const { webhook } = await subscribe();
    const conversations = [await newConversation(), await newConversation(), await newConversation()];
    // Every third request fails: retries interleave with fresh deliveries.
    receiver.respond((_request, index) => (index % 3 === 0 ? { status: 503 } : undefined));
    // Two delivery engines on one database, as two server processes would run.
    const second = startEngine();
    startDelivery();
    for (let i = 0; i < 15; i++) {
      for (const conversationId of conversations) await labelConversation(t.core, tenant.organizationId, conversationId, 'step', String(i));
    }
    await receiver.waitFor(() => receiver.processed().length >= 45);
    await delivery!.drained();
    await second.drained();

    const accepted = bodies(receiver);
    expect(accepted).toHaveLength(45);
    expect(new Set(accepted.map((b) => b.id)).size).toBe(45);
    expect(new Set(accepted.map((b) => b.eventId)).size).toBe(45);
    for (const conversationId of conversations) {
      const steps = accepted.filter((b) => b.conversationId === conversationId).map((b) => Number(b.data.value));
      expect(steps).toEqual([...Array(15).keys()]);
    }
    const states = (await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries?limit=200`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
    expect(states.every((d: { state: string }) => d.state === 'delivered')).toBe(true);
  });
});

describe('native API', () => {
  it('shows the signing secret once and never the token', async () => {
    const { webhook, signingSecret } = await subscribe({ authToken: 'secret-token' });
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const read = await call(t.app, 'GET', `/webhooks/${webhook.id}`, { credentials: bearer(tenant.apiKey) });
    expect(read.json().webhook).toMatchObject({ hasAuthToken: true, format: 'native' });
    expect(read.body).not.toContain('secret-token');
    expect(read.body).not.toContain(signingSecret);
    const rotated = await call(t.app, 'PATCH', `/webhooks/${webhook.id}`, { credentials: bearer(tenant.apiKey), payload: { rotateSecret: true, authToken: null } });
    expect(rotated.json().signingSecret).toMatch(/^whsec_/);
    expect(rotated.json().signingSecret).not.toBe(signingSecret);
    expect(rotated.json().webhook.hasAuthToken).toBe(false);
  });

  it.each([
    [{ format: 'native', url: 'ftp://example.com/hook' }, 'url'],
    [{ format: 'native', url: 'not a url' }, 'url'],
    [{ format: 'native', url: 'https://user:pw@example.com/hook' }, 'url'],
    [{ format: 'nope', url: 'https://example.com' }, 'format'],
    [{ format: 'native', url: 'https://example.com', events: ['no.such_event'] }, 'events'],
    [{ format: 'native', url: 'https://example.com', widgetId: '00000000-0000-4000-8000-000000000000' }, 'widgetId'],
    [{ format: 'native', url: 'https://example.com', fallbackEmail: 'nope' }, 'fallbackEmail'],
    [{ format: 'native', url: 'https://example.com', extra: 1 }, 'extra'],
    [{ url: 'https://example.com' }, 'format'],
  ])('refuses %j (400 naming %s)', async (payload, field) => {
    const response = await call(t.app, 'POST', '/webhooks', { credentials: bearer(tenant.apiKey), payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.body).toContain(field);
  });

  it("keeps organizations apart and needs an admin", async () => {
    const { webhook } = await subscribe();
    for (const [method, path] of [
      ['GET', `/webhooks/${webhook.id}`],
      ['PATCH', `/webhooks/${webhook.id}`],
      ['DELETE', `/webhooks/${webhook.id}`],
      ['GET', `/webhooks/${webhook.id}/deliveries`],
      ['GET', '/webhook-deliveries/not-a-uuid'],
    ] as const) {
      const response = await call(t.app, method, path, { credentials: bearer(other.apiKey), ...(method === 'PATCH' && { payload: { active: false } }) });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await call(t.app, 'GET', '/webhooks')).statusCode).toBe(401);
  });
});

async function waitForAttempts(webhookId: string, count: number) {
  await waitUntil(async () => {
    const [first] = (await call(t.app, 'GET', `/webhooks/${webhookId}/deliveries`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
    return first !== undefined && first.attempts >= count;
  });
}

async function waitForState(webhookId: string, state: string) {
  await waitUntil(async () => {
    const [first] = (await call(t.app, 'GET', `/webhooks/${webhookId}/deliveries`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
    return first?.state === state;
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
