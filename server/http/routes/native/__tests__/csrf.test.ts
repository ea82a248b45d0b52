import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWidgetWith, insertVisitorConversation, type VisitorConversation } from '../../../../test/factories.ts';
import { logIn, TestClient, useRealtimeServer } from '../../../../realtime/__tests__/realtime-test-kit.ts';
import { bearer, call, createMember, expectError, expectRejectedWithoutChange, type Credentials } from './native-test-kit.ts';

/**
 * Cross-site request forgery with the console's session cookie: a page of another origin (here
 * another port of the same host, which SameSite does not tell apart) must not change anything on
 * an agent's behalf. Refusals are checked to change nothing.
 */

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-csrf-'));
const { server, tenant, track } = useRealtimeServer({ env: { DATA_DIR: dataDir } });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The server as the browser addresses it, and PUBLIC_URL (the test config's default). */
const HOST = 'chat.example:8443';
const PUBLIC_URL = 'http://localhost:3000';
/** A page on another port of the same host: same site, another origin. */
const NEIGHBOUR = 'https://chat.example:9443';

/** What the console sends with its cookie: the custom header, from its own origin. */
const FROM_CONSOLE = { host: HOST, origin: `https://${HOST}`, 'x-requested-with': 'XMLHttpRequest' };

const NO_HEADER = { status: 403, code: 'forbidden', message: 'a request that changes data with the session cookie must send the "x-requested-with" header' };
const FOREIGN = { status: 403, code: 'forbidden', message: 'the session cookie is not accepted from a page of another origin' };

let admin: Credentials;
let agent: Credentials;
let agentCookie: string;
let chat: VisitorConversation;

beforeAll(async () => {
  admin = { cookie: await logIn(server, tenant.adminEmail, tenant.adminPassword) };
  const member = await createMember(server.t.core, tenant.organizationId, 'agent');
  agentCookie = await logIn(server, member.email, member.password);
  agent = { cookie: agentCookie };
  const widget = await createWidgetWith(server.t.core, tenant.organizationId, [{ userId: member.user.id }]);
  chat = await insertVisitorConversation(server.t.core, {
    organizationId: tenant.organizationId,
    widgetId: widget.id,
    assignee: { type: 'user', id: member.user.id },
    status: 'open',
  });
});

const createWidget = (credentials: Credentials, headers: Record<string, string> = {}) =>
  call(server.t.app, 'POST', '/widgets', { credentials, headers, payload: { name: 'Forged widget' } });

describe('a data-changing request on the session cookie', () => {
  it('is refused without the x-requested-with header, even from our own origin', async () => {
    const { core } = server.t;
    await expectRejectedWithoutChange(core, tenant.organizationId, () => createWidget(admin, { host: HOST, origin: `https://${HOST}` }), NO_HEADER);
    // A bodiless POST, as a form or `fetch(…, { mode: 'no-cors' })` sends it, and the logout.
    expectError(await call(server.t.app, 'POST', '/auth/logout', { credentials: admin }), NO_HEADER);
    expect((await call(server.t.app, 'GET', '/me', { credentials: admin })).statusCode).toBe(200);
  });

  it('is refused from a page of another origin: another port of this host, a Referer of one, or an opaque origin', async () => {
    const { core } = server.t;
    const header = { host: HOST, 'x-requested-with': 'XMLHttpRequest' };
    const pages: Array<Record<string, string>> = [{ origin: NEIGHBOUR }, { referer: `${NEIGHBOUR}/attack.html` }, { origin: 'null' }, { origin: 'http://localhost:3001' }];
    for (const page of pages) {
      await expectRejectedWithoutChange(core, tenant.organizationId, () => createWidget(admin, { ...header, ...page }), FOREIGN);
    }
  });

  it('is accepted with the header from our own origin: as addressed, as PUBLIC_URL names it, or with no origin named', async () => {
    for (const headers of [FROM_CONSOLE, { host: '10.0.0.5:3000', origin: PUBLIC_URL, 'x-requested-with': '1' }, { 'x-requested-with': 'XMLHttpRequest' }]) {
      const response = await createWidget(admin, headers);
      expect(response.statusCode, response.body).toBe(201);
    }
  });

  it('needs nothing more when reading', async () => {
    expect((await call(server.t.app, 'GET', '/widgets', { credentials: admin, headers: { origin: NEIGHBOUR } })).statusCode).toBe(200);
  });
});

describe('an API key', () => {
  it('needs no header and no origin: it is not an ambient credential', async () => {
    const response = await createWidget(bearer(tenant.apiKey), { origin: NEIGHBOUR });
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('routes outside the usual JSON bodies', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image data')]);
  const upload = (headers: Record<string, string>) =>
    call(server.t.app, 'POST', `/conversations/${chat.conversationId}/attachments?fileName=forged.png`, {
      credentials: agent,
      headers: { 'content-type': 'image/png', ...headers },
      payload: PNG,
    });
  const messageCount = async () =>
    (await call(server.t.app, 'GET', `/conversations/${chat.conversationId}/messages`, { credentials: agent })).json().messages.length as number;

  it('an attachment upload (any content type) needs the header and our origin', async () => {
    const before = await messageCount();
    expectError(await upload({ host: HOST }), NO_HEADER);
    expectError(await upload({ host: HOST, origin: NEIGHBOUR, 'x-requested-with': 'XMLHttpRequest' }), FOREIGN);
    expect(await messageCount()).toBe(before);
    const accepted = await upload(FROM_CONSOLE);
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('a webhook replay (a bodiless POST) needs the header and our origin', async () => {
    const replay = (headers: Record<string, string>) =>
      call(server.t.app, 'POST', '/webhook-deliveries/00000000-0000-4000-8000-000000000000/replay', { credentials: admin, headers });
    expectError(await replay({ host: HOST }), NO_HEADER);
    expectError(await replay({ host: HOST, origin: NEIGHBOUR, 'x-requested-with': 'XMLHttpRequest' }), FOREIGN);
    // Past the check, the route itself answers: there is no such delivery.
    expect((await replay(FROM_CONSOLE)).statusCode).toBe(404);
  });
});

describe('the console socket', () => {
  it('signs in with the cookie only from our own origin, not from another port of this host', async () => {
    const neighbour = `http://127.0.0.1:${Number(new URL(server.base).port) + 1}`;
    const foreign = await TestClient.connect(server.url, { headers: { cookie: agentCookie }, origin: neighbour });
    foreign.send({ type: 'auth', role: 'agent' });
    expect(await foreign.closed).toEqual({ code: 4401, reason: 'cookie sign-in is not accepted from this origin' });

    const ours = track(await TestClient.connect(server.url, { headers: { cookie: agentCookie }, origin: server.base }));
    ours.send({ type: 'auth', role: 'agent' });
    await ours.next((frame) => frame.type === 'ready');
  });
});
