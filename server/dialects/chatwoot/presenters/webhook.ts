import type { Organization, Webhook } from '../../kit.ts';
import type { ChatwootEvent } from '../outbound/events.ts';

/** What a Chatwoot webhook has that our subscription has no column for, kept on its `webhook_id` reference. */
export interface WebhookSettings {
  name: string | null;
  subscriptions: ChatwootEvent[];
}

/**
 * `api/v1/models/_webhook.json.jbuilder`: `{id, name, url, account_id, subscriptions}`, plus the
 * signing `secret` (Chatwoot ≥ 4.11) in the answer that creates it only: the core shows a signing
 * secret once, when it is made.
 */
export function presentWebhook(webhook: Webhook, number: number, settings: WebhookSettings, account: Organization, secret?: string) {
  return {
    id: number,
    name: settings.name,
    url: webhook.url,
    account_id: account.accountNumber,
    subscriptions: settings.subscriptions,
    ...(secret !== undefined && { secret }),
  };
}
