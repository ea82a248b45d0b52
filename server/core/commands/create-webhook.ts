import { insertSubscription } from '../../db/repositories/webhooks.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import { randomToken } from '../security/tokens.ts';
import type { WebhookFormat } from '../webhook-format.ts';
import { checkWebhookEvents, checkWebhookScope, checkHttpUrl, toWebhook, type Webhook } from '../webhook-subscription.ts';
import { normalizeEmail } from '../validation.ts';

export interface CreateWebhookInput {
  url: string;
  widgetId?: string | null;
  events?: string[];
  authToken?: string | null;
  fallbackEmail?: string | null;
}

export interface CreatedWebhook {
  webhook: Webhook;
  /** The HMAC key: in this answer only. */
  signingSecret: string;
}

/** Signing secrets are shown once; the prefix tells a reader what the string is. */
export const newSigningSecret = (): string => `whsec_${randomToken(32)}`;

/** Subscribes an endpoint to the organization's (or one widget's) events in one payload format. */
export async function createWebhook(core: Core, organizationId: string, format: WebhookFormat, input: CreateWebhookInput, policy: TargetPolicy): Promise<CreatedWebhook> {
  const widgetId = input.widgetId ?? null;
  checkWebhookScope(format, widgetId);
  if (widgetId !== null && !(await findWidget(core.db, organizationId, widgetId))) throw invalid('widgetId', 'widgetId names no widget');
  const signingSecret = newSigningSecret();
  const values = {
    organizationId,
    widgetId,
    format: format.id,
    url: checkHttpUrl('url', input.url, policy),
    events: checkWebhookEvents(format, input.events ?? []),
    authToken: input.authToken || null,
    fallbackEmail: input.fallbackEmail ? normalizeEmail('fallbackEmail', input.fallbackEmail) : null,
    signingSecret,
  };
  const row = await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const inserted = await insertSubscription(tx, values);
    const payload = { webhookId: inserted.id, format: inserted.format, widgetId, events: inserted.events };
    emit({ type: 'webhook.created', organizationId, ...(widgetId && { widgetId }), payload });
    return inserted;
  });
  return { webhook: toWebhook(row), signingSecret };
}
