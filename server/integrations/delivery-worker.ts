import type { WebhookConfig } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import type { WebhookFormat } from '../core/webhook-format.ts';
import { getWidget } from '../core/queries/widgets.ts';
import { claimDueDeliveries, recordOutcomes, type DeliveryOutcome } from '../db/repositories/webhook-queue.ts';
import { findSubscriptionById, type DeliveryRow, type SubscriptionRow } from '../db/repositories/webhooks.ts';
import { postBody, type PostOutcome } from './http-post.ts';
import type { Mailer } from './mailer.ts';
import { isRetryable, isSuccess, retryDelayMs } from './retry-policy.ts';
import { signPayload } from './signature.ts';

/** A claimed row's lease outlasts its attempt by this much before another worker may take it over. */
const LEASE_MARGIN_MS = 5_000;
/** Response bytes kept in the attempt log. */
const EXCERPT_BYTES = 512;

export interface DeliveryWorker {
  /** Claims and sends whatever is due, up to the concurrency limit; safe to call often. */
  wake(): void;
  /** Resolves when nothing is in flight (tests and shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeliveryWorkerDeps {
  core: Core;
  config: WebhookConfig;
  formats: ReadonlyMap<string, WebhookFormat>;
  mailer: Mailer | undefined;
  onError: (error: unknown) => void;
}

/**
 * Keeps up to `concurrency` deliveries in flight. Each claimed delivery is POSTed, its
 * outcome decided (delivered, retry later, failed, e-mailed) and buffered; outcomes are
 * written in batches, and each write frees the next delivery of the same line for claiming.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { core, config } = deps;
  let inFlight = 0;
  let claiming = false;
  let stopped = false;
  let outcomes: DeliveryOutcome[] = [];
  let flushing: Promise<void> | undefined;
  const idleWaiters: Array<() => void> = [];
  const subscriptions = new Map<string, SubscriptionRow | undefined>();

  const busy = () => inFlight > 0 || claiming || flushing !== undefined || outcomes.length > 0;
  const settleIdle = () => {
    if (busy()) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  async function claim() {
    if (claiming || stopped) return;
    claiming = true;
    try {
      while (!stopped && inFlight < config.concurrency) {
        const rows = await claimDueDeliveries(core.db, {
          limit: config.concurrency - inFlight,
          leaseMs: config.timeoutMs + LEASE_MARGIN_MS,
          retryWindowMs: config.retryWindowMs,
        });
        if (rows.length === 0) break;
        subscriptions.clear(); // a fresh look per batch: URL, token or secret may have changed
        for (const row of rows) {
          inFlight += 1;
          void deliver(row)
            .then((outcome) => outcomes.push(outcome), deps.onError)
            .finally(() => {
              inFlight -= 1;
              void flush();
            });
        }
      }
    } catch (error) {
      deps.onError(error);
    } finally {
      claiming = false;
      settleIdle();
    }
  }

  async function flush() {
    if (flushing) return;
    flushing = (async () => {
      while (outcomes.length > 0) {
        const batch = outcomes;
        outcomes = [];
        await recordOutcomes(core.db, batch).catch(deps.onError);
      }
    })();
    await flushing;
    flushing = undefined;
    void claim();
    settleIdle();
  }

  async function deliver(row: DeliveryRow): Promise<DeliveryOutcome> {
    const subscription = await subscriptionOf(row.subscriptionId);
    const attemptedAt = new Date();
    const result: PostOutcome = subscription
      ? await send(row, subscription, config.timeoutMs)
      : { error: 'the subscription was deleted', latencyMs: 0, responseText: '' };
    const base = {
      deliveryId: row.id,
      attemptedAt,
      statusCode: result.statusCode ?? null,
      latencyMs: result.latencyMs,
      error: result.error ?? (isSuccess(result) ? null : `HTTP ${result.statusCode}`),
      responseExcerpt: result.responseText.slice(0, EXCERPT_BYTES) || null,
    };
    if (isSuccess(result)) return { ...base, state: 'delivered', nextAttemptAt: null };
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(row.attempts, config));
    if (subscription && isRetryable(result) && row.retryUntil && nextAttemptAt <= row.retryUntil) {
      return { ...base, state: 'pending', nextAttemptAt };
    }
    const format = subscription && deps.formats.get(subscription.format);
    if (!subscription || !format?.emailOnFailure) return { ...base, state: 'failed', nextAttemptAt: null };
    const mailError = await emailInstead(row, subscription);
    return mailError
      ? { ...base, state: 'failed', nextAttemptAt: null, error: `${base.error}; e-mail fallback: ${mailError}` }
      : { ...base, state: 'emailed', nextAttemptAt: null };
  }

  async function subscriptionOf(id: string) {
    if (!subscriptions.has(id)) subscriptions.set(id, await findSubscriptionById(core.db, id));
    return subscriptions.get(id);
  }

  /** Sends the undeliverable body by e-mail; returns why it could not, if so. */
  async function emailInstead(row: DeliveryRow, subscription: SubscriptionRow): Promise<string | undefined> {
    if (!deps.mailer) return 'no SMTP_URL configured';
    const widget = subscription.widgetId ? await getWidget(core, subscription.organizationId, subscription.widgetId) : undefined;
    const to = subscription.fallbackEmail ?? widget?.destinationEmail;
    if (!to) return 'no fallback e-mail address';
    const extension = row.contentType.includes('xml') ? 'xml' : 'json';
    try {
      await deps.mailer.send({
        to,
        subject: `Undelivered ${row.eventType} (delivery ${row.id})`,
        text: `${subscription.url} did not accept this delivery after ${row.attempts} attempts; its content is attached and below.\n\n${row.body}`,
        attachment: { filename: `${row.id}.${extension}`, content: row.body, contentType: row.contentType },
      });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  return {
    wake: () => void claim(),
    idle: () => (busy() ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    async stop() {
      stopped = true;
      while (busy()) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

/** One signed POST: the body is the stored one, byte for byte; the timestamp is this attempt's. */
function send(row: DeliveryRow, subscription: SubscriptionRow, timeoutMs: number): Promise<PostOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': row.contentType,
    'user-agent': 'Switchboard-Webhooks/1',
    'x-switchboard-delivery': row.id,
    'x-switchboard-event': row.eventType,
    'x-switchboard-timestamp': String(timestamp),
    'x-switchboard-signature': signPayload(subscription.signingSecret, timestamp, row.body),
    ...(subscription.authToken && { authorization: subscription.authToken }),
  };
  return postBody(new URL(subscription.url), headers, row.body, timeoutMs, EXCERPT_BYTES);
}
