import type { WebhookConfig } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import type { WebhookFormat } from '../core/webhook-format.ts';
import { getWidget } from '../core/queries/widgets.ts';
import { claimDueDeliveries, FIRST_LINE, recordOutcomes, type DeliveryOutcome, type DeliveryRelease, type LinePosition } from '../db/repositories/webhook-queue.ts';
import { findSubscriptionById, type DeliveryRow, type SubscriptionRow } from '../db/repositories/webhooks.ts';
import { postBody, type PostOutcome } from './http-post.ts';
import type { Mailer } from './mailer.ts';
import { isRetryable, isSuccess, retryDelayMs } from './retry-policy.ts';
import { signPayload } from './signature.ts';

/** A claimed chain's lease outlasts its attempts by this much before another worker may take it over. */
const LEASE_MARGIN_MS = 5_000;
/** Response bytes kept in the attempt log. */
const EXCERPT_BYTES = 512;
/**
 * Deliveries of one line claimed together and sent one after the other (one claim, one write
 * for many). Its lease lasts until every one could have timed out, so it also bounds how long
 * the deliveries of a crashed process wait before another claims them.
 */
const CHAIN_LENGTH = 10;
/** How long a subscription's URL, token and secret are reused before being read again. */
const SUBSCRIPTION_CACHE_MS = 1_000;

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
 * Keeps up to `concurrency` lines (a subscription and ordering key, usually a conversation)
 * sending at once. A line's claimed deliveries are POSTed one after the other; each outcome
 * (delivered, retry later, failed, e-mailed) is buffered and written in batches. A delivery to
 * be retried stops its chain: the rest is given back and waits behind it, so order holds.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { core, config } = deps;
  let inFlight = 0;
  let claiming = false;
  let stopped = false;
  let outcomes: Array<DeliveryOutcome | DeliveryRelease> = [];
  /** The last line claimed from: the next claim continues after it, so every line gets its turn. */
  let lastLine: LinePosition = FIRST_LINE;
  let flushing: Promise<void> | undefined;
  const idleWaiters: Array<() => void> = [];
  const subscriptions = new Map<string, { read: Promise<SubscriptionRow | undefined>; at: number }>();

  const busy = () => inFlight > 0 || claiming || flushing !== undefined || outcomes.length > 0;
  const settleIdle = () => {
    if (busy()) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  async function claim() {
    if (claiming || stopped) return;
    claiming = true;
    try {
      // Refill when half the slots are free: each claim scans the pending lines once, so it should bring many.
      while (!stopped && inFlight <= config.concurrency / 2) {
        const rows = await claimAround(config.concurrency - inFlight);
        if (rows.length === 0) break;
        for (const chain of byLine(rows)) {
          inFlight += 1;
          void sendChain(chain)
            .catch(deps.onError)
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

  /** Claims lines after the last one, then wraps around to the first lines for what is still wanted. */
  async function claimAround(lines: number): Promise<DeliveryRow[]> {
    const leaseMs = config.timeoutMs * CHAIN_LENGTH + LEASE_MARGIN_MS;
    const claim = (after: LinePosition, wanted: number) => claimDueDeliveries(core.db, { lines: wanted, perLine: CHAIN_LENGTH, after, leaseMs });
    const rows = await claim(lastLine, lines);
    const claimedLines = byLine(rows).length;
    if (claimedLines < lines && lastLine !== FIRST_LINE) rows.push(...(await claim(FIRST_LINE, lines - claimedLines)));
    const last = rows.at(-1);
    lastLine = last ? { subscriptionId: last.subscriptionId, orderingKey: last.orderingKey } : FIRST_LINE;
    return rows;
  }

  async function sendChain(chain: DeliveryRow[]) {
    for (const [index, row] of chain.entries()) {
      const outcome = await deliver(row);
      outcomes.push(outcome);
      if (outcome.state === 'pending') {
        for (const untried of chain.slice(index + 1)) outcomes.push({ kind: 'release', deliveryId: untried.id });
        break;
      }
      void flush();
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
      ? await send(row, subscription, config, deps.formats.get(subscription.format))
      : { error: 'the subscription was deleted', latencyMs: 0, responseText: '' };
    const attempts = row.attempts + 1;
    const retryUntil = row.retryUntil ?? new Date(attemptedAt.getTime() + config.retryWindowMs);
    const base = {
      kind: 'attempt' as const,
      deliveryId: row.id,
      retryUntil,
      attemptedAt,
      statusCode: result.statusCode ?? null,
      latencyMs: result.latencyMs,
      error: result.error ?? (isSuccess(result) ? null : `HTTP ${result.statusCode}`),
      responseExcerpt: result.responseText.slice(0, EXCERPT_BYTES) || null,
    };
    if (isSuccess(result)) return { ...base, state: 'delivered', nextAttemptAt: null };
    const nextAttemptAt = new Date(Date.now() + retryDelayMs(attempts, config));
    if (subscription && isRetryable(result) && nextAttemptAt <= retryUntil) {
      return { ...base, state: 'pending', nextAttemptAt };
    }
    const format = subscription && deps.formats.get(subscription.format);
    if (!subscription || !format?.emailOnFailure) return { ...base, state: 'failed', nextAttemptAt: null };
    const mailError = await emailInstead({ ...row, attempts }, subscription);
    return mailError
      ? { ...base, state: 'failed', nextAttemptAt: null, error: `${base.error}; e-mail fallback: ${mailError}` }
      : { ...base, state: 'emailed', nextAttemptAt: null };
  }

  /** The subscription, read at most once a second (a change of URL, token or secret applies within that). */
  function subscriptionOf(id: string): Promise<SubscriptionRow | undefined> {
    const cached = subscriptions.get(id);
    if (cached && Date.now() - cached.at < SUBSCRIPTION_CACHE_MS) return cached.read;
    const read = findSubscriptionById(core.db, id);
    subscriptions.set(id, { read, at: Date.now() });
    return read;
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

/** Claimed rows come ordered by line; each line's rows form one chain. */
function byLine(rows: readonly DeliveryRow[]): DeliveryRow[][] {
  const chains: DeliveryRow[][] = [];
  for (const row of rows) {
    const current = chains.at(-1);
    if (current && current[0]!.subscriptionId === row.subscriptionId && current[0]!.orderingKey === row.orderingKey) current.push(row);
    else chains.push([row]);
  }
  return chains;
}

/**
 * One signed POST: the body is the stored one, byte for byte; the timestamp is this attempt's.
 * A format may add its vendor's own signature headers; ours are always sent too.
 */
function send(row: DeliveryRow, subscription: SubscriptionRow, config: WebhookConfig, format: WebhookFormat | undefined): Promise<PostOutcome> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    ...format?.extraHeaders?.({ secret: subscription.signingSecret, timestamp, body: row.body, deliveryId: row.id }),
    'content-type': row.contentType,
    'user-agent': 'Switchboard-Webhooks/1',
    'x-switchboard-delivery': row.id,
    'x-switchboard-event': row.eventType,
    'x-switchboard-timestamp': String(timestamp),
    'x-switchboard-signature': signPayload(subscription.signingSecret, timestamp, row.body),
    ...(subscription.authToken && { authorization: subscription.authToken }),
  };
  return postBody(new URL(subscription.url), headers, row.body, { timeoutMs: config.timeoutMs, maxResponseBytes: EXCERPT_BYTES, allowPrivateTargets: config.allowPrivateTargets });
}
