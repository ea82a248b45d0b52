import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createWebhook } from '../../../core/commands/create-webhook.ts';
import { deleteWebhook } from '../../../core/commands/delete-webhook.ts';
import { replayWebhookDelivery } from '../../../core/commands/replay-webhook-delivery.ts';
import { updateWebhook } from '../../../core/commands/update-webhook.ts';
import { notFound } from '../../../core/errors.ts';
import { getWebhook, getWebhookDeliveries, getWebhookDelivery, getWebhooks } from '../../../core/queries/webhooks.ts';
import { webhookFormats } from '../../../integrations/formats.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams, NoContent } from './schemas/common.ts';
import {
  CreatedWebhookEnvelope,
  CreateWebhookBody,
  DeliveryEnvelope,
  DeliveryListEnvelope,
  DeliveryListQuery,
  FormatListEnvelope,
  presentAttempt,
  presentDelivery,
  presentWebhook,
  ReplayEnvelope,
  UpdateWebhookBody,
  WebhookEnvelope,
  WebhookListEnvelope,
} from './schemas/webhooks.ts';

/**
 * Outbound webhooks (docs/webhooks.md): subscriptions, their delivery log, replays. Admin only:
 * a subscription decides where the organization's conversations are sent.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const tags = ['webhooks'];

  app.get(
    '/webhook-formats',
    { schema: { tags, summary: 'The payload formats a webhook can use, with the events each sends', response: { 200: FormatListEnvelope, ...nativeErrorResponses } } },
    async () => ({
      formats: [...webhookFormats.values()].map(({ id, description, scope, events, emailOnFailure }) => ({ id, description, scope, events: [...events], emailOnFailure })),
    }),
  );

  app.get(
    '/webhooks',
    { schema: { tags, summary: 'List webhook subscriptions (never their secrets)', response: { 200: WebhookListEnvelope, ...nativeErrorResponses } } },
    async (request) => ({ webhooks: (await getWebhooks(core, actorOf(request).organizationId)).map(presentWebhook) }),
  );

  app.post(
    '/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe an endpoint; the signing secret is in this response only',
        body: CreateWebhookBody,
        response: { 201: CreatedWebhookEnvelope, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.body;
      const { webhook, signingSecret } = await createWebhook(core, actorOf(request).organizationId, webhookFormats.get(format)!, input, config.webhooks);
      return reply.code(201).send({ webhook: presentWebhook(webhook), signingSecret });
    },
  );

  app.get(
    '/webhooks/:id',
    { schema: { tags, summary: 'Read one webhook subscription', params: IdParams, response: { 200: WebhookEnvelope, ...nativeErrorResponses } } },
    async (request) => {
      const webhook = await getWebhook(core, actorOf(request).organizationId, request.params.id);
      if (!webhook) throw notFound('webhook not found');
      return { webhook: presentWebhook(webhook) };
    },
  );

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook; fields left out stay; `rotateSecret` answers the new secret once',
        params: IdParams,
        body: UpdateWebhookBody,
        response: { 200: WebhookEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      const { webhook, signingSecret } = await updateWebhook(core, actorOf(request).organizationId, request.params.id, (id) => webhookFormats.get(id), request.body, config.webhooks);
      return { webhook: presentWebhook(webhook), ...(signingSecret && { signingSecret }) };
    },
  );

  app.delete(
    '/webhooks/:id',
    { schema: { tags, summary: 'Delete a webhook with its delivery log', params: IdParams, response: { 204: NoContent, ...nativeErrorResponses } } },
    async (request, reply) => {
      await deleteWebhook(core, actorOf(request).organizationId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: "A webhook's deliveries, newest first",
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryListEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      const { state, before, limit = 50 } = request.query;
      const deliveries = await getWebhookDeliveries(core, actorOf(request).organizationId, request.params.id, {
        limit,
        ...(state && { state }),
        ...(before !== undefined && { beforeSeq: before }),
      });
      return { deliveries: deliveries.map(presentDelivery), nextBefore: deliveries.length === limit ? deliveries.at(-1)!.seq : null };
    },
  );

  app.get(
    '/webhook-deliveries/:id',
    {
      schema: { tags, summary: 'One delivery: the exact body sent and every attempt', params: IdParams, response: { 200: DeliveryEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const delivery = await getWebhookDelivery(core, actorOf(request).organizationId, request.params.id);
      if (!delivery) throw notFound('delivery not found');
      return { delivery: { ...presentDelivery(delivery), body: delivery.body, attemptLog: delivery.attemptLog.map(presentAttempt) } };
    },
  );

  app.post(
    '/webhook-deliveries/:id/replay',
    {
      schema: {
        tags,
        summary: 'Send a settled delivery again: same delivery id and bytes, a fresh retry window',
        params: IdParams,
        response: { 200: ReplayEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => ({
      delivery: presentDelivery(await replayWebhookDelivery(core, actorOf(request).organizationId, request.params.id, config.webhooks.retryWindowMs)),
    }),
  );
};
