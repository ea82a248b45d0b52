import { defaultOrderingKey, type WebhookFormat } from '../../kit.ts';
import { ACCOUNT_ONLY, CHATWOOT_EVENT_OF, SENT_EVENT_TYPES } from './events.ts';
import { BUILDERS } from './payloads.ts';
import { chatwootSignatureHeaders } from './signature.ts';

/**
 * Chatwoot's webhooks (research/chatwoot.md §3), in one format for both of its endpoints: an
 * account webhook (organization-wide; its event filter is the Chatwoot events it subscribed to,
 * routes/webhooks.ts) and an API inbox's callback (scoped to the inbox, no filter: every inbox
 * event, but never the account-only contact and inbox events). Bodies are `<webhook data> +
 * event`, built once per delivery; deliveries of one conversation arrive in order; each attempt
 * carries Chatwoot's signature headers next to ours.
 */
export const chatwootFormat: WebhookFormat = {
  id: 'chatwoot',
  description: "Chatwoot webhooks: message_created, message_updated, conversation_created, conversation_status_changed, conversation_updated, contact_updated, inbox_created, inbox_updated (an API inbox's callback or an account webhook)",
  scope: 'any',
  events: SENT_EVENT_TYPES,
  emailOnFailure: false,
  async build(input) {
    const name = CHATWOOT_EVENT_OF.get(input.event.type);
    if (!name || (input.target.widgetId !== null && ACCOUNT_ONLY.has(name))) return undefined;
    const data = await BUILDERS[name]?.(input);
    if (!data) return undefined;
    return { body: JSON.stringify({ ...data, event: name }), contentType: 'application/json', orderingKey: defaultOrderingKey(input.event) };
  },
  extraHeaders: chatwootSignatureHeaders,
};
