import type { Core } from './context.ts';
import type { WebhookScope } from '../../protocol/values.ts';
import type { EventType, StoredEvent } from './events.ts';

/** The subscription a body is being built for. */
export interface WebhookTarget {
  organizationId: string;
  widgetId: string | null;
}

/** Everything a format may use to build one body. */
export interface WebhookBuild {
  core: Core;
  event: StoredEvent;
  target: WebhookTarget;
  /** The delivery's id, for formats that carry it in the body. */
  deliveryId: string;
  /** This installation's base URL, for links back to a conversation. */
  publicUrl: string;
}

/** What one event becomes for one endpoint. */
export interface WebhookPayload {
  body: string;
  contentType: string;
  /** Deliveries sharing a key (usually the conversation) arrive in event order. */
  orderingKey: string;
}

/**
 * A payload dialect for outbound webhooks: our native JSON, or a vendor's
 * (SnapEngage Conversation Events, Agent Status, Integration API). Formats live
 * with their vendor and reach data only through core queries.
 */
export interface WebhookFormat {
  /** Stored on the subscription, e.g. `native`, `snapengage.agent-status`. */
  id: string;
  description: string;
  scope: WebhookScope;
  /** The event types this format sends; a subscription may narrow them. */
  events: readonly EventType[];
  /** Deliveries that finally fail are e-mailed (SnapEngage Integration API) instead of dropped. */
  emailOnFailure: boolean;
  /**
   * Builds the body, once, when the delivery is made, so every retry sends the same bytes.
   * `undefined` means this event is nothing to send for this endpoint.
   */
  build(input: WebhookBuild): Promise<WebhookPayload | undefined>;
  /**
   * Headers the vendor's receivers verify (Chatwoot: `X-Chatwoot-Signature` over this attempt's
   * timestamp and the stored body, and the delivery id), sent on every attempt next to our own
   * `x-switchboard-*` headers, so a receiver written for the vendor works unchanged.
   */
  extraHeaders?(input: SignedAttempt): Record<string, string>;
}

/** What one HTTP attempt of a delivery is signed with: the subscription's secret, the attempt's clock, the stored bytes. */
export interface SignedAttempt {
  secret: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  body: string;
  /** Stable across retries. */
  deliveryId: string;
}

/** Conversation first: that is what receivers order by. */
export function defaultOrderingKey(event: StoredEvent): string {
  return event.conversationId ?? event.userId ?? event.widgetId ?? event.organizationId;
}
