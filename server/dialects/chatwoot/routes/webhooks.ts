import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  type Core,
  createWebhook,
  deleteWebhook,
  type DialectOptions,
  type ExternalReference,
  findExternalReference,
  getWebhook,
  getWebhooks,
  invalid,
  notFound,
  numberEntity,
  updateExternalReferenceData,
  updateWebhook,
  type Webhook,
} from '../../kit.ts';
import { requireAdministrator, sessionOf } from '../auth.ts';
import { ALLOWED_WEBHOOK_EVENTS, type ChatwootEvent, chatwootEventsOf, isChatwootEvent, sourcesOf } from '../outbound/events.ts';
import { chatwootFormat } from '../outbound/format.ts';
import { presentWebhook, type WebhookSettings } from '../presenters/webhook.ts';

/**
 * Chatwoot's integer webhook id: our subscription's uuid numbered per account, kept as an external
 * reference whose data holds what our subscription has no column for (name, Chatwoot event names).
 */
const WEBHOOK_ID = { dialect: 'chatwoot', kind: 'webhook_id' } as const;
const NAME_MAX = 255;

/**
 * Rails reads `{"webhook":{…}}` or, wrapping JSON parameters, the same fields at the top level
 * (form bodies nest as `webhook[url]`, `webhook[subscriptions][]`: params.ts). Types are checked
 * here, so a wrong one is Chatwoot's 422, never a 400 or a 5xx.
 */
const WebhookBody = Type.Object({ webhook: Type.Optional(Type.Unknown()) }, { additionalProperties: true });
const WebhookParams = Type.Object({ account_id: Type.String(), id: Type.String() });

interface WebhookFields {
  url?: string;
  name?: string | null;
  subscriptions?: ChatwootEvent[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const rawField = (body: Record<string, unknown>, name: string): unknown => (isRecord(body.webhook) ? body.webhook[name] : undefined) ?? body[name];

function parseFields(body: unknown): WebhookFields {
  const fields: WebhookFields = {};
  const source = isRecord(body) ? body : {};
  const url = rawField(source, 'url');
  if (url !== undefined) {
    if (typeof url !== 'string') throw invalid('url', 'Url is invalid: url must be a string');
    fields.url = url;
  }
  const name = rawField(source, 'name');
  if (name !== undefined) {
    if (name !== null && typeof name !== 'string') throw invalid('name', 'Name is invalid: name must be a string');
    if (typeof name === 'string' && name.length > NAME_MAX) throw invalid('name', `Name is too long (maximum is ${NAME_MAX} characters)`);
    fields.name = name === null || name.trim() === '' ? null : name.trim();
  }
  const subscriptions = rawField(source, 'subscriptions');
  if (subscriptions !== undefined) fields.subscriptions = parseSubscriptions(subscriptions);
  return fields;
}

/** Chatwoot's model rule: a non-empty list of its event names (`Webhook::ALLOWED_WEBHOOK_EVENTS`). */
function parseSubscriptions(value: unknown): ChatwootEvent[] {
  const list = typeof value === 'string' ? [value] : value;
  const refuse = (why: string) => invalid('subscriptions', `Subscriptions Invalid events: ${why} (allowed: ${ALLOWED_WEBHOOK_EVENTS.join(', ')})`);
  if (!Array.isArray(list) || list.length === 0) throw refuse('subscriptions must be a non-empty array of event names');
  const unknown = list.find((name) => typeof name !== 'string' || !isChatwootEvent(name));
  if (unknown !== undefined) throw refuse(`${JSON.stringify(unknown)} is not an event`);
  return [...new Set(list as ChatwootEvent[])];
}

/** What the engine filters on: our events behind the Chatwoot ones; a list of only never-sent names receives nothing. */
function deliveryOf(subscriptions: readonly ChatwootEvent[]): { events: string[]; active: boolean } {
  const events = sourcesOf(subscriptions);
  return { events, active: events.length > 0 };
}

/** Account webhooks are the organization-wide subscriptions in the Chatwoot format; an inbox's callback is not one. */
const isAccountWebhook = (webhook: Webhook) => webhook.format === chatwootFormat.id && webhook.widgetId === null;

/** Chatwoot's id and settings for a subscription, numbering it the first time (one made through our native API, say). */
async function numbered(core: Core, organizationId: string, webhook: Webhook): Promise<{ number: number; settings: WebhookSettings }> {
  const defaults: WebhookSettings = { name: null, subscriptions: chatwootEventsOf(webhook.events) };
  const reference = await numberEntity(core, organizationId, WEBHOOK_ID, webhook.id, { ...defaults });
  return { number: Number(reference.value), settings: settingsOf(reference, defaults) };
}

function settingsOf(reference: ExternalReference, defaults: WebhookSettings): WebhookSettings {
  const data = reference.data as Partial<WebhookSettings>;
  return { name: data.name ?? defaults.name, subscriptions: data.subscriptions ?? defaults.subscriptions };
}

/** The account webhook with Chatwoot id `id`, or 404. */
async function findWebhookOr404(core: Core, organizationId: string, id: string) {
  const reference = /^\d{1,9}$/.test(id) ? await findExternalReference(core, organizationId, { ...WEBHOOK_ID, scope: organizationId, value: String(Number(id)) }) : undefined;
  const webhook = reference && (await getWebhook(core, organizationId, reference.entityId));
  if (!reference || !webhook || !isAccountWebhook(webhook)) throw notFound('webhook not found');
  return { reference, webhook };
}

/** Chatwoot validates `url` unique per account: one endpoint, one webhook, so no event arrives twice (research §8.3). */
async function refuseTakenUrl(core: Core, organizationId: string, url: string, except?: string) {
  let normalized: string;
  try {
    normalized = new URL(url.trim()).toString();
  } catch {
    return; // the core's URL check words the refusal
  }
  const taken = (await getWebhooks(core, organizationId)).some((webhook) => isAccountWebhook(webhook) && webhook.id !== except && webhook.url === normalized);
  if (taken) throw invalid('url', 'Url has already been taken');
}

/**
 * Account webhooks (`/api/v1/accounts/{account_id}/webhooks`), administrators only, in Chatwoot's
 * shapes: list `{"payload":{"webhooks":[…]}}`, create and update `{"payload":{"webhook":{…}}}`,
 * delete an empty 200. Each is a subscription in the `chatwoot` format, signed and retried by the
 * delivery engine.
 */
export const accountWebhookRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  const formatOf = (id: string) => (id === chatwootFormat.id ? chatwootFormat : undefined);

  app.get('/webhooks', async (request) => {
    requireAdministrator(request);
    const { account } = sessionOf(request);
    const webhooks = (await getWebhooks(core, account.id)).filter(isAccountWebhook);
    const presented = [];
    for (const webhook of webhooks) {
      const { number, settings } = await numbered(core, account.id, webhook);
      presented.push(presentWebhook(webhook, number, settings, account));
    }
    return { payload: { webhooks: presented.sort((a, b) => a.id - b.id) } };
  });

  app.post('/webhooks', { schema: { body: WebhookBody } }, async (request) => {
    requireAdministrator(request);
    const { account } = sessionOf(request);
    const fields = parseFields(request.body);
    if (fields.url === undefined) throw invalid('url', 'Url is invalid: url is required');
    const subscriptions = fields.subscriptions ?? parseSubscriptions(undefined);
    await refuseTakenUrl(core, account.id, fields.url);
    const delivery = deliveryOf(subscriptions);
    const created = await createWebhook(core, account.id, chatwootFormat, { url: fields.url, events: delivery.events }, config.webhooks);
    const webhook = delivery.active ? created.webhook : (await updateWebhook(core, account.id, created.webhook.id, formatOf, { active: false }, config.webhooks)).webhook;
    const settings: WebhookSettings = { name: fields.name ?? null, subscriptions };
    const reference = await numberEntity(core, account.id, WEBHOOK_ID, webhook.id, { ...settings });
    // A list made in between numbered it first, with defaults: store what was asked for.
    if (JSON.stringify(reference.data) !== JSON.stringify(settings)) await updateExternalReferenceData(core, account.id, reference, { ...settings });
    return { payload: { webhook: presentWebhook(webhook, Number(reference.value), settings, account, created.signingSecret) } };
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/webhooks/:id',
    schema: { params: WebhookParams, body: WebhookBody },
    handler: async (request) => {
      requireAdministrator(request);
      const { account } = sessionOf(request);
      const { reference, webhook: current } = await findWebhookOr404(core, account.id, request.params.id);
      const fields = parseFields(request.body);
      if (fields.url !== undefined) await refuseTakenUrl(core, account.id, fields.url, current.id);
      const delivery = fields.subscriptions && deliveryOf(fields.subscriptions);
      const changes = { ...(fields.url !== undefined && { url: fields.url }), ...(delivery && { events: delivery.events, active: delivery.active }) };
      const { webhook } = await updateWebhook(core, account.id, current.id, formatOf, changes, config.webhooks);
      const before = settingsOf(reference, { name: null, subscriptions: chatwootEventsOf(current.events) });
      const settings: WebhookSettings = { name: fields.name === undefined ? before.name : fields.name, subscriptions: fields.subscriptions ?? before.subscriptions };
      if (JSON.stringify(settings) !== JSON.stringify(before)) await updateExternalReferenceData(core, account.id, reference, { ...settings });
      return { payload: { webhook: presentWebhook(webhook, Number(reference.value), settings, account) } };
    },
  });

  app.delete('/webhooks/:id', { schema: { params: WebhookParams } }, async (request, reply) => {
    requireAdministrator(request);
    const { account } = sessionOf(request);
    const { webhook } = await findWebhookOr404(core, account.id, request.params.id);
    await deleteWebhook(core, account.id, webhook.id);
    return reply.code(200).send();
  });
};
