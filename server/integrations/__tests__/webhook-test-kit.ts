import type { FastifyInstance } from 'fastify';
import { afterEach, expect } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import type { Core } from '../../core/context.ts';
import { bearer, call } from '../../http/routes/native/__tests__/native-test-kit.ts';
import { startWebhookDelivery, type WebhookDelivery } from '../index.ts';

/**
 * Short clocks so retries happen within a test; the default schedule is unit-tested in
 * retry-policy.test.ts. The timeout leaves room for a busy two-core machine.
 */
export const FAST_WEBHOOKS = { WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_POLL_MS: '25' };

/**
 * Test receivers listen on 127.0.0.1, which webhooks and bots reach only when private targets
 * are allowed. Tests that use one give this to the test app (which saves the URL) and to the
 * engine (which sends); the others keep the default, which refuses such targets.
 */
export const LOCAL_RECEIVERS = { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true' };

/**
 * Runs the delivery engine on the test app's database, as startBackgroundWork does in the
 * server, and stops it after each test. `base` (e.g. LOCAL_RECEIVERS) and then each start's
 * `env` override the fast clocks.
 */
export function useWebhookDelivery(t: { readonly core: Core }, base: Record<string, string> = {}) {
  const running: WebhookDelivery[] = [];
  afterEach(async () => {
    for (const delivery of running.splice(0)) await delivery.stop();
  });
  return (env: Record<string, string> = {}): WebhookDelivery => {
    const delivery = startWebhookDelivery(t.core, loadConfig({ ...FAST_WEBHOOKS, ...base, ...env }), (error) => console.error(error));
    running.push(delivery);
    return delivery;
  };
}

/** Subscribes through the native API, as an admin would; answers the webhook and its one-time secret. */
export async function subscribe(app: FastifyInstance, apiKey: string, payload: Record<string, unknown>) {
  const response = await call(app, 'POST', '/webhooks', { credentials: bearer(apiKey), payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { webhook: { id: string }; signingSecret: string };
}
