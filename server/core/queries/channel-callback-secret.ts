import { findSubscription } from '../../db/repositories/webhooks.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';

/**
 * The secret a channel's callback deliveries are signed with, so the channel's administrators can
 * verify them (Chatwoot shows an API inbox's `secret` in its settings). Null for a channel without
 * a callback. Callers show it to administrators only.
 */
export async function getChannelCallbackSecret(core: Core, organizationId: string, widgetId: string): Promise<string | null> {
  const widget = await findWidget(core.db, organizationId, widgetId);
  const subscriptionId = widget?.channelSettings.callbackSubscriptionId;
  if (!subscriptionId) return null;
  return (await findSubscription(core.db, organizationId, subscriptionId))?.signingSecret ?? null;
}
