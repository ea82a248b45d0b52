import type { SubscriptionRow } from '../db/repositories/webhooks.ts';
import { invalid } from './errors.ts';
import { namesPrivateTarget, type TargetPolicy } from './outbound-target.ts';
import type { WebhookFormat } from './webhook-format.ts';

/** A webhook subscription as the API shows it: never its signing secret, only whether a token is set. */
export interface Webhook {
  id: string;
  organizationId: string;
  widgetId: string | null;
  format: string;
  url: string;
  events: string[];
  hasAuthToken: boolean;
  fallbackEmail: string | null;
  active: boolean;
  createdAt: Date;
}

export function toWebhook(row: SubscriptionRow): Webhook {
  return {
    id: row.id,
    organizationId: row.organizationId,
    widgetId: row.widgetId,
    format: row.format,
    url: row.url,
    events: row.events,
    hasAuthToken: row.authToken !== null,
    fallbackEmail: row.fallbackEmail,
    active: row.active,
    createdAt: row.createdAt,
  };
}

/**
 * Only absolute http(s) URLs without credentials: the URL is shown in the delivery log,
 * so a password in it would leak; the token field is the place for one. Unless the policy
 * allows private targets, a URL that plainly names this machine or a private network is
 * refused here too, so the mistake shows when it is made; the check that counts is made
 * on connecting (server/integrations/http-post.ts), after DNS.
 */
export function checkHttpUrl(field: string, value: string, policy: TargetPolicy): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(field, `${field} must be an absolute http or https URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, `${field} must be an absolute http or https URL`);
  if (url.username || url.password) throw invalid(field, `${field} must not carry credentials; use the token field`);
  if (!policy.allowPrivateTargets && namesPrivateTarget(url)) {
    throw invalid(field, `${field} must name a public address: loopback, private and link-local addresses are refused (ALLOW_PRIVATE_WEBHOOK_TARGETS allows them)`);
  }
  return url.toString();
}

/** The event filter must name types the format sends; the empty list means all of them. */
export function checkWebhookEvents(format: WebhookFormat, events: readonly string[]): string[] {
  const unknown = events.find((event) => !(format.events as readonly string[]).includes(event));
  if (unknown !== undefined) throw invalid('events', `events: "${unknown}" is not sent by format ${format.id} (it sends ${format.events.join(', ')})`);
  return [...new Set(events)];
}

export function checkWebhookScope(format: WebhookFormat, widgetId: string | null): void {
  if (format.scope === 'widget' && widgetId === null) throw invalid('widgetId', `widgetId is required: format ${format.id} is configured per widget`);
  if (format.scope === 'organization' && widgetId !== null) throw invalid('widgetId', `widgetId must be absent: format ${format.id} covers the whole organization`);
}
