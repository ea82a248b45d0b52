import { deleteSubscriptionRow } from '../../db/repositories/webhooks.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/** Removes a subscription with its delivery log; deliveries still pending are dropped with it. */
export async function deleteWebhook(core: Core, organizationId: string, id: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const deleted = await deleteSubscriptionRow(tx, organizationId, id);
    if (!deleted) throw notFound('webhook not found');
    emit({ type: 'webhook.deleted', organizationId, ...(deleted.widgetId && { widgetId: deleted.widgetId }), payload: { webhookId: id, format: deleted.format } });
  });
}
