import { deleteSubscriptionRow } from '../../db/repositories/webhooks.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/** Removes a subscription with its delivery log; deliveries still pending are dropped with it. */
export async function deleteWebhook(core: Core, organizationId: string, id: string): Promise<void> {
  if (!(await deleteSubscriptionRow(core.db, organizationId, id))) throw notFound('webhook not found');
}
