import { findSubscription, updateSubscriptionRow } from '../../db/repositories/webhooks.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import type { WebhookFormat } from '../webhook-format.ts';
import { checkWebhookEvents, checkHttpUrl, toWebhook, type Webhook } from '../webhook-subscription.ts';
import { normalizeEmail } from '../validation.ts';
import { newSigningSecret } from './create-webhook.ts';

export interface UpdateWebhookInput {
  url?: string;
  events?: string[];
  /** `null` removes the token. */
  authToken?: string | null;
  fallbackEmail?: string | null;
  active?: boolean;
  /** Replace the signing secret; the new one is in the answer only. */
  rotateSecret?: boolean;
}

/** Changes what the body names; the format and scope stay (a different format is a new subscription). */
export async function updateWebhook(
  core: Core,
  organizationId: string,
  id: string,
  formatOf: (id: string) => WebhookFormat | undefined,
  input: UpdateWebhookInput,
  policy: TargetPolicy,
): Promise<{ webhook: Webhook; signingSecret?: string }> {
  const current = await findSubscription(core.db, organizationId, id);
  const format = current && formatOf(current.format);
  if (!current || !format) throw notFound('webhook not found');
  const signingSecret = input.rotateSecret ? newSigningSecret() : undefined;
  const changes = {
    ...(input.url !== undefined && { url: checkHttpUrl('url', input.url, policy) }),
    ...(input.events !== undefined && { events: checkWebhookEvents(format, input.events) }),
    ...(input.authToken !== undefined && { authToken: input.authToken || null }),
    ...(input.fallbackEmail !== undefined && { fallbackEmail: input.fallbackEmail ? normalizeEmail('fallbackEmail', input.fallbackEmail) : null }),
    ...(input.active !== undefined && { active: input.active }),
    ...(signingSecret && { signingSecret }),
  };
  // An empty PATCH changes nothing: no UPDATE (it needs a column to set) and no audit event.
  if (Object.keys(changes).length === 0) return { webhook: toWebhook(current) };
  const row = await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const updated = await updateSubscriptionRow(tx, organizationId, id, changes);
    if (!updated) throw notFound('webhook not found');
    // The names of the changed fields only: the new URL, token or secret stay out of the log.
    emit({ type: 'webhook.updated', organizationId, ...(updated.widgetId && { widgetId: updated.widgetId }), payload: { webhookId: id, changes: Object.keys(changes) } });
    return updated;
  });
  return { webhook: toWebhook(row), ...(signingSecret && { signingSecret }) };
}
