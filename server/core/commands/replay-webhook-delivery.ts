import { findDelivery, requeueDelivery } from '../../db/repositories/webhooks.ts';
import type { Core } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { toWebhookDelivery, type WebhookDelivery } from '../queries/webhooks.ts';

/**
 * Sends a settled delivery again: same delivery id, same bytes, a fresh retry window.
 * A receiver that deduplicates by delivery id will see it as the delivery it may have lost.
 */
export async function replayWebhookDelivery(core: Core, organizationId: string, deliveryId: string, retryWindowMs: number): Promise<WebhookDelivery> {
  const delivery = await findDelivery(core.db, organizationId, deliveryId);
  if (!delivery) throw notFound('delivery not found');
  if (delivery.state === 'pending') throw conflict('the delivery is still pending; it is sent without a replay');
  return toWebhookDelivery(await requeueDelivery(core.db, delivery.id, new Date(Date.now() + retryWindowMs)));
}
