import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../../../core/commands/create-api-key.ts';
import { deleteWidget } from '../../../core/commands/delete-widget.ts';
import { setAgentPresence } from '../../../core/commands/set-agent-presence.ts';
import type { User, Widget } from '../../../core/types.ts';
import { createAgent, createWidgetWith, insertBot, insertConversations } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { error } from './provisioning-client.ts';
import { UNKNOWN_ID } from './visitor-chat-client.ts';

/**
 * Widget Availability API `GET /public/api/v2/chat/{widgetId}` (no auth, CORS) and
 * Visitor Chat API `GET /api/v1/chat/{widgetId}` (x-api-key).
 */

const { t, tenant, other } = useTestApp({ tenants: 2 });
/** Online, paused and busy agents of the tenant, shared by the widgets below. */
let online: User;
let paused: User;

beforeAll(async () => {
  online = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  paused = await createAgent(t.core, tenant.organizationId, { presence: 'pause' });
});

const org = () => tenant.organizationId;

async function getPublic(widgetId: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: `/public/api/v2/chat/${widgetId}`, headers });
  return { status: res.statusCode, body: res.json() as unknown, cors: res.headers['access-control-allow-origin'] };
}

/** `key` undefined uses the tenant's key, null sends no x-api-key. */
async function getV1(widgetId: string, key: string | null = tenant.apiKey) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/chat/${widgetId}`, headers: key === null ? {} : { 'x-api-key': key } });
  return { status: res.statusCode, body: res.body === '' ? '' : (res.json() as unknown) };
}

const availability = (widget: Widget, online: boolean, emailRequired = false, messageRequired = false) => ({
  widgetId: widget.id,
  online: String(online),
  emailRequired: String(emailRequired),
  messageRequired: String(messageRequired),
  screenshotRequired: 'false',
});

const publicOk = (widget: Widget, isOnline: boolean, emailRequired = false, messageRequired = false) => ({
  status: 200,
  body: { statusCode: 1, data: availability(widget, isOnline, emailRequired, messageRequired) },
  cors: '*',
});

describe('GET /public/api/v2/chat/{widgetId}', () => {
  it('answers statusCode 1 and string booleans for an online widget, readable from any origin', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }]);
    expect(await getPublic(widget.id, { origin: 'https://shop.example' })).toEqual(publicOk(widget, true));
  });

  it('reports emailRequired and messageRequired from the widget', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: paused.id }], { emailRequired: true, messageRequired: true });
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, false, true, true));
  });

  it('is "false" when the only agent is paused, "true" once it goes online', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'pause' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, false));
    await setAgentPresence(t.core, org(), agent.id, 'online');
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, true));
  });

  it('is "false" when the only agent is at its chat limit', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 1 });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    await insertConversations(t.core, { organizationId: org(), widgetId: widget.id, assignee: { type: 'user', id: agent.id }, status: 'open' });
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, false));
  });

  it('is "true" with an online bot member and no agent online', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: paused.id }, { botId: await insertBot(t.core, org()) }]);
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, true));
  });

  it('is "false" when conversations are disabled', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }], { conversationsEnabled: false });
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, false));
  });

  describe('at the edge of the schedule (Europe/Berlin, Monday 09:00-17:00)', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it.each([
      ['2026-01-05T07:59:00Z', false, '08:59 local'],
      ['2026-01-05T08:00:00Z', true, '09:00 local'],
      ['2026-01-05T15:59:00Z', true, '16:59 local'],
      ['2026-01-05T16:00:00Z', false, '17:00 local'],
    ])('at %s (%s) online is %s', async (iso, isOnline) => {
      const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }], {
        schedule: { timeZone: 'Europe/Berlin', ranges: [{ weekday: 0, enabled: true, startMinute: 9 * 60, endMinute: 17 * 60 }] },
      });
      // Only Date is faked: timers keep running for the database and fastify.
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
      expect(await getPublic(widget.id)).toEqual(publicOk(widget, isOnline));
    });
  });

  it.each([
    ['an unknown id', () => UNKNOWN_ID],
    ['a malformed id', () => 'not-a-widget'],
  ])('answers HTTP 200 with statusCode 404 and a message for %s', async (_, id) => {
    expect(await getPublic(id())).toEqual({ status: 200, body: { statusCode: 404, error: { message: `no widget with id ${id()}` } }, cors: '*' });
  });

  it('answers statusCode 404 for a deleted widget', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }]);
    await deleteWidget(t.core, org(), widget.id);
    expect(await getPublic(widget.id)).toEqual({ status: 200, body: { statusCode: 404, error: { message: `no widget with id ${widget.id}` } }, cors: '*' });
  });

  it('answers a widget of any organization: it needs no credentials', async () => {
    const agent = await createAgent(t.core, other.organizationId, { presence: 'online' });
    const widget = await createWidgetWith(t.core, other.organizationId, [{ userId: agent.id }]);
    expect(await getPublic(widget.id)).toEqual(publicOk(widget, true));
  });

  it('answers a CORS preflight for any origin', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: `/public/api/v2/chat/${UNKNOWN_ID}`,
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-requested-with' },
    });
    expect({ status: res.statusCode, body: res.body }).toEqual({ status: 204, body: '' });
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': 'x-requested-with',
    });
  });

  it('opens CORS on this route only', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }]);
    const v1 = await t.app.inject({ method: 'GET', url: `/api/v1/chat/${widget.id}`, headers: { 'x-api-key': tenant.apiKey, origin: 'https://shop.example' } });
    expect(v1.statusCode).toBe(200);
    expect(v1.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/chat/${widget.id}`,
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /public/api/v2/chat/{widgetId} when rate limited', () => {
  const { t: limited } = useTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1' } });

  it('still answers HTTP 200, with statusCode 429, readable from any origin', async () => {
    const url = `/public/api/v2/chat/${UNKNOWN_ID}`;
    await limited.app.inject({ method: 'GET', url });
    const res = await limited.app.inject({ method: 'GET', url, headers: { origin: 'https://shop.example' } });
    expect({ status: res.statusCode, statusCode: res.json().statusCode, cors: res.headers['access-control-allow-origin'] }).toEqual({
      status: 200,
      statusCode: 429,
      cors: '*',
    });
    expect(res.json().error.message).toEqual(expect.any(String));
  });
});

describe('GET /api/v1/chat/{widgetId}', () => {
  it('answers the availability without an envelope, string booleans', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }], { emailRequired: true });
    expect(await getV1(widget.id)).toEqual({ status: 200, body: availability(widget, true, true) });
  });

  it('answers online "false" when nobody can take a chat', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: paused.id }], { messageRequired: true });
    expect(await getV1(widget.id)).toEqual({ status: 200, body: availability(widget, false, false, true) });
  });

  it.each([
    ['an unknown widget', async () => UNKNOWN_ID],
    ['a malformed widget id', async () => 'not-a-widget'],
    [
      'a deleted widget',
      async () => {
        const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }]);
        await deleteWidget(t.core, org(), widget.id);
        return widget.id;
      },
    ],
    [
      'a widget of another organization',
      async () => (await createWidgetWith(t.core, other.organizationId, [])).id,
    ],
  ])('answers 404 with an empty body for %s', async (_, widgetId) => {
    expect(await getV1(await widgetId())).toEqual({ status: 404, body: '' });
  });

  it('401 without x-api-key', async () => {
    expect(await getV1(UNKNOWN_ID, null)).toEqual(error(401, 'x-api-key is required'));
  });

  it('401 with a wrong x-api-key', async () => {
    expect(await getV1(UNKNOWN_ID, `sbk_000000000000_${'A'.repeat(43)}`)).toEqual(error(401, 'x-api-key is invalid or revoked'));
  });

  it('403 with a key that lacks the chat scope', async () => {
    const { secret } = await createApiKey(t.core, org(), 'status only', ['agent_status']);
    expect(await getV1(UNKNOWN_ID, secret)).toEqual(error(403, 'x-api-key lacks the "chat" scope'));
  });

  it('does not take a longer path under /api/v1/chat/ (e.g. poll/{caseId}) for a widget id', async () => {
    const widget = await createWidgetWith(t.core, org(), [{ userId: online.id }]);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/chat/poll/${widget.id}`, headers: { 'x-api-key': tenant.apiKey } });
    expect(res.body).not.toContain('"online"');
  });
});
