import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeConversation } from '../../server/core/commands/close-conversation.ts';
import { createWidget } from '../../server/core/commands/create-widget.ts';
import { openVisitorSession } from '../../server/core/commands/open-visitor-session.ts';
import { startConversation } from '../../server/core/commands/start-conversation.ts';
import { getTranscript } from '../../server/core/queries/conversations.ts';
import { widgetScriptRoutes } from '../../server/http/routes/widget/script.ts';
import { createAgent, createWidgetWith } from '../../server/test/factories.ts';
import { useTestApp } from '../../server/test/test-app.ts';
import { ensureWidgetBuilt } from './widget-kit.ts';

const { t, tenant, other } = useTestApp({ tenants: 2 });

let widgetId: string;
let lockedWidgetId: string;
/** Answered by an online agent, so chats there stay open. */
let staffedWidgetId: string;

beforeAll(async () => {
  ensureWidgetBuilt();
  widgetId = (await createWidget(t.core, tenant.organizationId, { name: 'Support', destinationEmail: 'team@acme.example' })).id;
  lockedWidgetId = (await createWidget(t.core, tenant.organizationId, { name: 'Shop only', allowedDomains: ['acme.example'] })).id;
  const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  staffedWidgetId = (await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }])).id;
});

const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; field?: string } }).error;

describe('GET /js/{widgetId}.js', () => {
  it('serves the script gzipped with a content ETag, a short max-age, and 304 on revalidation', async () => {
    const response = await t.app.inject({ url: `/js/${widgetId}.js`, headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(response.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(gunzipSync(response.rawPayload).toString()).toContain('designstudio-iframe');

    const again = await t.app.inject({ url: `/js/${widgetId}.js`, headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers unknown widgets 404, malformed paths 400 and foreign sites 403, in the native error shape', async () => {
    const unknown = await t.app.inject({ url: '/js/00000000-0000-4000-8000-000000000000.js' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown.body).code).toBe('not_found');
    const malformed = await t.app.inject({ url: '/js/widget' });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed.body).code).toBe('invalid');
    const foreign = await t.app.inject({ url: `/js/${lockedWidgetId}.js`, headers: { referer: 'https://evil.example/page' } });
    expect(foreign.statusCode).toBe(403);
    const allowed = await t.app.inject({ url: `/js/${lockedWidgetId}.js`, headers: { referer: 'https://shop.acme.example/boots' } });
    expect(allowed.statusCode).toBe(200);
  });

  it('says 503 with the build command while the widget is not built', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'widget-unbuilt-'));
    const app = Fastify();
    await app.register(widgetScriptRoutes, { core: t.core, bundleDir: empty });
    const response = await app.inject({ url: `/js/${widgetId}.js` });
    expect(response.statusCode).toBe(503);
    expect(errorOf(response.body)).toMatchObject({ code: 'unavailable', message: 'the widget script is not built yet: run "npm run build:widget"' });
    await app.close();
    await rm(empty, { recursive: true });
  });
});

describe('GET /js/i18n/{lang}.json', () => {
  it('serves the languages the script does not carry, readable from any origin', async () => {
    const response = await t.app.inject({ url: '/js/i18n/de.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect((response.json() as { title: string }).title).toBe('Schreiben Sie uns');
    expect((await t.app.inject({ url: '/js/i18n/xx.json' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/js/i18n/DE.json' })).statusCode).toBe(400);
  });
});

describe('GET /native/v1/public/widgets/{id}', () => {
  it('gives any origin the public configuration with defaults, and nothing internal', async () => {
    const response = await t.app.inject({ url: `/native/v1/public/widgets/${widgetId}`, headers: { origin: 'https://shop.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const { widget } = response.json() as { widget: Record<string, unknown> };
    expect(widget).toMatchObject({ id: widgetId, name: 'Support', online: false, emailRequired: false, messageRequired: false, proactiveEnabled: false, agents: [] });
    expect((widget.settings as { rating: unknown }).rating).toEqual({ enabled: true, scale: 'STAR' });
    expect(response.body).not.toContain('team@acme.example');
  });

  it('refuses unknown widgets (404) and pages outside allowedDomains (403)', async () => {
    expect((await t.app.inject({ url: '/native/v1/public/widgets/nope' })).statusCode).toBe(404);
    const foreign = await t.app.inject({ url: `/native/v1/public/widgets/${lockedWidgetId}`, headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(errorOf(foreign.body).code).toBe('forbidden');
    expect(foreign.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers the preflight of the token header', async () => {
    const response = await t.app.inject({ method: 'OPTIONS', url: '/native/v1/public/conversations/x/transcript', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toBe('content-type, x-visitor-token');
  });
});

describe('visitor requests: transcript and notes for the agent', () => {
  /** A visitor in a chat; `email`, when given, is the address they gave for it (the only one a transcript goes to). */
  async function visitorWithChat(email?: string) {
    const session = await openVisitorSession(t.core, staffedWidgetId);
    const started = await startConversation(t.core, tenant.organizationId, { widgetId: staffedWidgetId, session, visitor: email ? { email } : {}, context: {}, message: 'Hello' });
    return { token: session.token, conversationId: started.conversation.id };
  }
  const post = (url: string, token: string | undefined, payload: unknown) =>
    t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: { 'content-type': 'application/json', ...(token && { 'x-visitor-token': token }) } });

  it('stores a transcript request as a notice in the conversation', async () => {
    const { token, conversationId } = await visitorWithChat('vera@example.com');
    const response = await post(`/native/v1/public/conversations/${conversationId}/transcript`, token, { email: 'Vera@Example.com' });
    expect(response.statusCode).toBe(202);
    const transcript = await getTranscript(t.core, tenant.organizationId, conversationId, { includePrivate: true });
    expect(transcript?.at(-1)).toMatchObject({ senderType: 'system', kind: 'event', content: { event: { name: 'transcript_requested', data: { email: 'vera@example.com' } } } });
  });

  it('refuses a missing token (401), a bad e-mail (400), another visitor (404) and unknown fields (400)', async () => {
    const { token, conversationId } = await visitorWithChat();
    const other = await visitorWithChat();
    const url = `/native/v1/public/conversations/${conversationId}/transcript`;
    expect((await post(url, undefined, { email: 'a@b.example' })).statusCode).toBe(401);
    const bad = await post(url, token, { email: 'not an address' });
    expect([bad.statusCode, errorOf(bad.body).field]).toEqual([400, 'email']);
    expect((await post(url, other.token, { email: 'a@b.example' })).statusCode).toBe(404);
    expect((await post(url, token, { email: 'a@b.example', cc: 'x@y.example' })).statusCode).toBe(400);
  });

  it('keeps sendTextToChat notes private, and refuses them once the chat is closed (409)', async () => {
    const { token, conversationId } = await visitorWithChat();
    const url = `/native/v1/public/conversations/${conversationId}/notes`;
    expect((await post(url, token, { text: 'From the spring campaign' })).statusCode).toBe(201);
    const transcript = await getTranscript(t.core, tenant.organizationId, conversationId, { includePrivate: true });
    expect(transcript?.at(-1)).toMatchObject({ body: 'From the spring campaign', kind: 'note', private: true, senderType: 'visitor' });
    expect((await post(url, token, { text: '' })).statusCode).toBe(400);
    await closeConversation(t.core, tenant.organizationId, conversationId, 'visitor');
    const closed = await post(url, token, { text: 'late' });
    expect([closed.statusCode, errorOf(closed.body).code]).toEqual([409, 'conflict']);
  });
});

describe('/native/v1/widgets/{id}/ui-settings', () => {
  const auth = () => ({ authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' });

  it('replaces the settings, filling defaults, and the public configuration follows', async () => {
    const put = await t.app.inject({ method: 'PUT', url: `/native/v1/widgets/${widgetId}/ui-settings`, headers: auth(), payload: { settings: { color: '#1f6f4a', rating: { scale: 'NUMBER' } } } });
    expect(put.statusCode).toBe(200);
    expect((put.json() as { settings: { color: string; rating: unknown; language: string } }).settings).toMatchObject({ color: '#1f6f4a', rating: { enabled: true, scale: 'NUMBER' }, language: 'en' });
    const got = await t.app.inject({ url: `/native/v1/widgets/${widgetId}/ui-settings`, headers: auth() });
    expect((got.json() as { settings: { color: string } }).settings.color).toBe('#1f6f4a');
    const pub = await t.app.inject({ url: `/native/v1/public/widgets/${widgetId}` });
    expect((pub.json() as { widget: { settings: { rating: { scale: string } } } }).widget.settings.rating.scale).toBe('NUMBER');
  });

  it('names the offending field: wrong values and unknown settings are 400, no credentials 401, unknown widget 404', async () => {
    const url = `/native/v1/widgets/${widgetId}/ui-settings`;
    const wrong = await t.app.inject({ method: 'PUT', url, headers: auth(), payload: { settings: { proactive: { delaySeconds: -1 } } } });
    expect([wrong.statusCode, errorOf(wrong.body).field]).toEqual([400, 'proactive.delaySeconds']);
    const typo = await t.app.inject({ method: 'PUT', url, headers: auth(), payload: { settings: { colour: '#000000' } } });
    expect([typo.statusCode, errorOf(typo.body).field]).toEqual([400, 'colour']);
    expect((await t.app.inject({ method: 'PUT', url, payload: { settings: {} } })).statusCode).toBe(401);
    const missing = await t.app.inject({ method: 'PUT', url: '/native/v1/widgets/00000000-0000-4000-8000-000000000000/ui-settings', headers: auth(), payload: { settings: {} } });
    expect(missing.statusCode).toBe(404);
    const foreign = { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' };
    expect((await t.app.inject({ url, headers: foreign })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url, headers: foreign, payload: { settings: {} } })).statusCode).toBe(404);
  });
});
