import { Type, type Static } from 'typebox';
import {
  DeliveryStateSchema,
  SequenceNumber,
  WebhookDeliveryResponse,
  WebhookFormatResponse,
  WebhookResponse,
  type WebhookDeliveryView,
  type WebhookView,
} from '../../../../../protocol/native-api.ts';
import type { WebhookAttempt, WebhookDelivery } from '../../../../core/queries/webhooks.ts';
import type { Webhook } from '../../../../core/webhook-subscription.ts';
import { webhookFormats } from '../../../../integrations/formats.ts';
import { Email, Nullable, Timestamp } from './common.ts';

const Format = Type.Enum([...webhookFormats.keys()], { description: 'Payload format: `native`, or a vendor webhook such as `snapengage.conversation-events`' });
const Url = Type.String({ minLength: 1, maxLength: 2048, description: 'http or https; where each delivery is POSTed. A public address unless the server sets ALLOW_PRIVATE_WEBHOOK_TARGETS' });
const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: 'Event types wanted; empty or absent means every type the format sends' });
const AuthToken = Type.String({ minLength: 1, maxLength: 1024, description: 'Sent verbatim in the Authorization header (as SnapEngage does)' });

export const CreateWebhookBody = Type.Object(
  {
    format: Format,
    url: Url,
    widgetId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    events: Type.Optional(EventTypes),
    authToken: Type.Optional(Nullable(AuthToken)),
    fallbackEmail: Type.Optional(Nullable(Email)),
  },
  { additionalProperties: false },
);

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(EventTypes),
    authToken: Type.Optional(Nullable(AuthToken)),
    fallbackEmail: Type.Optional(Nullable(Email)),
    active: Type.Optional(Type.Boolean()),
    rotateSecret: Type.Optional(Type.Boolean({ description: 'Replace the signing secret; the new one is in this response only' })),
  },
  { additionalProperties: false },
);

const SigningSecret = Type.String({ description: 'HMAC-SHA256 key for X-Switchboard-Signature; shown only in this response' });
export const WebhookEnvelope = Type.Object({ webhook: WebhookResponse, signingSecret: Type.Optional(SigningSecret) });
export const CreatedWebhookEnvelope = Type.Object({ webhook: WebhookResponse, signingSecret: SigningSecret });
export const WebhookListEnvelope = Type.Object({ webhooks: Type.Array(WebhookResponse) });

export const FormatListEnvelope = Type.Object({ formats: Type.Array(WebhookFormatResponse) });

export const DeliveryListQuery = Type.Object(
  {
    state: Type.Optional(DeliveryStateSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    before: Type.Optional(SequenceNumber({ minimum: 1, description: 'Page back: the `nextBefore` of the previous page' })),
  },
  { additionalProperties: false },
);

export const DeliveryListEnvelope = Type.Object({ deliveries: Type.Array(WebhookDeliveryResponse), nextBefore: Nullable(Type.Integer()) });

const AttemptResponse = Type.Object({
  attemptedAt: Timestamp,
  statusCode: Nullable(Type.Integer()),
  latencyMs: Type.Integer(),
  error: Nullable(Type.String()),
  responseExcerpt: Nullable(Type.String()),
});

export const DeliveryEnvelope = Type.Object({
  delivery: Type.Object({ ...WebhookDeliveryResponse.properties, body: Type.String({ description: 'Exactly the bytes sent' }), attempts: Type.Integer(), attemptLog: Type.Array(AttemptResponse) }),
});
export const ReplayEnvelope = Type.Object({ delivery: WebhookDeliveryResponse });

export type CreateWebhookBody = Static<typeof CreateWebhookBody>;
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export function presentWebhook(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    widgetId: webhook.widgetId,
    format: webhook.format,
    url: webhook.url,
    events: webhook.events,
    hasAuthToken: webhook.hasAuthToken,
    fallbackEmail: webhook.fallbackEmail,
    active: webhook.active,
    createdAt: webhook.createdAt.toISOString(),
  };
}

export function presentDelivery(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    event: delivery.event,
    state: delivery.state,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastError: delivery.lastError,
    contentType: delivery.contentType,
    createdAt: delivery.createdAt.toISOString(),
    settledAt: delivery.settledAt?.toISOString() ?? null,
  };
}

export function presentAttempt(attempt: WebhookAttempt): Static<typeof AttemptResponse> {
  return { ...attempt, attemptedAt: attempt.attemptedAt.toISOString() };
}
