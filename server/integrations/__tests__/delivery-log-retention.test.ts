import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelConversation } from '../../core/commands/label-conversation.ts';
import { bearer, call } from '../../http/routes/native/__tests__/native-test-kit.ts';
import { createWidgetWith, insertConversations } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { pruneDeliveryLog } from '../delivery-log-retention.ts';
import { startReceiver, type TestReceiver } from './receiver.ts';
import { LOCAL_RECEIVERS, subscribe, useWebhookDelivery } from './webhook-test-kit.ts';

const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
const startEngine = useWebhookDelivery(t, LOCAL_RECEIVERS);
const DAY_MS = 86_400_000;
let healthy: TestReceiver;
let down: TestReceiver;

beforeAll(async () => {
  healthy = await startReceiver();
  down = await startReceiver();
  down.respond(() => ({ status: 503 }));
});
afterAll(async () => {
  await healthy.close();
  await down.close();
});

const deliveryStatus = async (id: string) => (await call(t.app, 'GET', `/webhook-deliveries/${id}`, { credentials: bearer(tenant.apiKey) })).statusCode;

describe('delivery log retention', () => {
  it('deletes settled deliveries and their attempts once older than the retention period, never pending ones', async () => {
    const events = ['conversation.labeled'];
    await subscribe(t.app, tenant.apiKey, { format: 'native', url: healthy.url, events });
    const retrying = await subscribe(t.app, tenant.apiKey, { format: 'native', url: down.url, events });
    const widget = await createWidgetWith(t.core, tenant.organizationId, []);
    const [conversationId] = await insertConversations(t.core, { organizationId: tenant.organizationId, widgetId: widget.id, assignee: null, status: 'queued' });
    // A long first retry delay keeps the failing delivery pending for the whole test.
    const engine = startEngine({ WEBHOOK_RETRY_BASE_MS: '600000', WEBHOOK_RETRY_MAX_MS: '600000' });
    await labelConversation(t.core, tenant.organizationId, conversationId!, 'topic', 'billing');
    await healthy.waitFor(() => healthy.accepted().length === 1);
    await down.waitFor(() => down.received.length === 1);
    await engine.drained();
    const delivered = JSON.parse(healthy.received[0]!.body).id as string;
    const pendingList = await call(t.app, 'GET', `/webhooks/${retrying.webhook.id}/deliveries`, { credentials: bearer(tenant.apiKey) });
    const [pending] = pendingList.json().deliveries as Array<{ id: string; state: string }>;
    expect(pending).toMatchObject({ state: 'pending' });

    expect(await pruneDeliveryLog(t.core, 30, new Date(Date.now() + 29 * DAY_MS))).toBe(0);
    expect(await deliveryStatus(delivered)).toBe(200);

    expect(await pruneDeliveryLog(t.core, 30, new Date(Date.now() + 31 * DAY_MS))).toBe(1);
    expect(await deliveryStatus(delivered)).toBe(404);
    const kept = await call(t.app, 'GET', `/webhook-deliveries/${pending!.id}`, { credentials: bearer(tenant.apiKey) });
    expect(kept.json().delivery).toMatchObject({ id: pending!.id, state: 'pending', attempts: 1 });
    expect(kept.json().delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: 503 })]);
  });
});
