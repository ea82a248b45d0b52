import { deleteSubscriptionRow, insertSubscription, updateSubscriptionRow } from '../../db/repositories/webhooks.ts';
import type { WidgetRow } from '../../db/repositories/widgets.ts';
import type { ChannelSettings } from '../../db/schema/index.ts';
import type { Executor } from '../../db/client.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import { checkHttpUrl } from '../webhook-subscription.ts';
import { newSigningSecret } from './create-webhook.ts';

/**
 * A channel's callback is a webhook subscription scoped to the channel, in the channel's format,
 * for every event that format sends: what an agent writes reaches the channel's backend through
 * the durable delivery engine (signed, retried, in order per conversation, in the delivery log),
 * never fire-and-forget. This keeps that subscription in step with the channel's `callbackUrl`
 * and answers the settings to store (with the subscription's id).
 */
export async function syncChannelCallback(tx: Executor, widget: Pick<WidgetRow, 'id' | 'organizationId'>, settings: ChannelSettings, policy: TargetPolicy): Promise<ChannelSettings> {
  const { callbackSubscriptionId, ...rest } = settings;
  const url = settings.callbackUrl ? checkHttpUrl('callbackUrl', settings.callbackUrl, policy) : null;
  if (url === null) {
    if (callbackSubscriptionId) await deleteSubscriptionRow(tx, widget.organizationId, callbackSubscriptionId);
    return { ...rest, callbackUrl: null };
  }
  const format = settings.callbackFormat ?? '';
  if (callbackSubscriptionId && (await updateSubscriptionRow(tx, widget.organizationId, callbackSubscriptionId, { url, format, active: true }))) {
    return { ...settings, callbackUrl: url };
  }
  const subscription = await insertSubscription(tx, {
    organizationId: widget.organizationId,
    widgetId: widget.id,
    format,
    url,
    events: [],
    signingSecret: newSigningSecret(),
  });
  return { ...rest, callbackUrl: url, callbackSubscriptionId: subscription.id };
}
