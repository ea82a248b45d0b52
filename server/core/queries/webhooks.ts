import type { DeliveryState } from '../../db/schema/index.ts';
import { findDelivery, findSubscription, listAttempts, listDeliveries, listSubscriptions, type DeliveryRow } from '../../db/repositories/webhooks.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toWebhook, type Webhook } from '../webhook-subscription.ts';

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: number;
  event: string;
  state: DeliveryState;
  attempts: number;
  /** Pending: when the next attempt is due. */
  nextAttemptAt: Date | null;
  lastError: string | null;
  contentType: string;
  createdAt: Date;
  settledAt: Date | null;
}

export interface WebhookAttempt {
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export function toWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.subscriptionId,
    eventId: row.eventId,
    event: row.eventType,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.nextAttemptAt : null,
    lastError: row.lastError,
    contentType: row.contentType,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  };
}

export async function getWebhooks(core: Core, organizationId: string): Promise<Webhook[]> {
  return (await listSubscriptions(core.db, organizationId)).map(toWebhook);
}

export async function getWebhook(core: Core, organizationId: string, id: string): Promise<Webhook | undefined> {
  const row = await findSubscription(core.db, organizationId, id);
  return row && toWebhook(row);
}

/** A page of a webhook's deliveries, newest first. */
export async function getWebhookDeliveries(
  core: Core,
  organizationId: string,
  webhookId: string,
  options: { state?: DeliveryState; beforeSeq?: number; limit: number },
): Promise<Array<WebhookDelivery & { seq: number }>> {
  if (!(await findSubscription(core.db, organizationId, webhookId))) throw notFound('webhook not found');
  return (await listDeliveries(core.db, organizationId, webhookId, options)).map((row) => ({ ...toWebhookDelivery(row), seq: row.seq }));
}

/** One delivery with its body (exactly the bytes sent) and every attempt. */
export async function getWebhookDelivery(core: Core, organizationId: string, id: string) {
  const row = await findDelivery(core.db, organizationId, id);
  if (!row) return undefined;
  const attemptLog: WebhookAttempt[] = (await listAttempts(core.db, row.id)).map((a) => ({
    attemptedAt: a.attemptedAt,
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    error: a.error,
    responseExcerpt: a.responseExcerpt,
  }));
  return { ...toWebhookDelivery(row), body: row.body, attemptLog };
}
