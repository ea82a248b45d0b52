import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { labelConversation } from '../../core/commands/label-conversation.ts';
import { startConversation } from '../../core/commands/start-conversation.ts';
import { getConversation } from '../../core/queries/conversations.ts';
import { snapEngageBotProtocol } from '../../dialects/snapengage/bot/protocol.ts';
import { bearer, call, createMember, expectError, sessionFor, type Credentials } from '../../http/routes/native/__tests__/native-test-kit.ts';
import { createAgent, createWidgetWith, insertConversations } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { startBotRunner, type BotRunner } from '../bot-runner.ts';
import { postBody } from '../http-post.ts';
import { publicOnlyLookup, TARGET_NOT_ALLOWED, TargetNotAllowedError } from '../public-lookup.ts';
import { startReceiver, type TestReceiver } from './receiver.ts';
import { FAST_WEBHOOKS, LOCAL_RECEIVERS, subscribe as subscribeAs, useWebhookDelivery } from './webhook-test-kit.ts';

/**
 * Webhooks and bots against targets on this machine (docs/security.md, "Outbound requests").
 * The app saves with private targets allowed, so loopback URLs get stored and the engine,
 * started with the default policy unless a test says otherwise, must refuse them itself.
 */
const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
const startEngine = useWebhookDelivery(t);
let receiver: TestReceiver;
let port: string;
/** A port nothing listens on: its refusal must read exactly like that of the open one. */
let closedPort: string;

beforeAll(async () => {
  receiver = await startReceiver();
  port = new URL(receiver.url).port;
  const closed = await startReceiver();
  closedPort = new URL(closed.url).port;
  await closed.close();
});
afterAll(() => receiver.close());
afterEach(async () => {
  receiver.respond(() => undefined);
  receiver.received.length = 0;
  const { json } = await call(t.app, 'GET', '/webhooks', { credentials: bearer(tenant.apiKey) });
  for (const webhook of json().webhooks) await call(t.app, 'DELETE', `/webhooks/${webhook.id}`, { credentials: bearer(tenant.apiKey) });
});

const subscribe = (url: string) => subscribeAs(t.app, tenant.apiKey, { format: 'native', url, events: ['conversation.labeled'] });

async function labelNewConversation() {
  const widget = await createWidgetWith(t.core, tenant.organizationId, []);
  const [conversationId] = await insertConversations(t.core, { organizationId: tenant.organizationId, widgetId: widget.id, assignee: null, status: 'queued' });
  await labelConversation(t.core, tenant.organizationId, conversationId!, 'topic', 'ssrf');
}

interface Attempt {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** The webhook's one delivery, read once it has been tried, with its attempt log. */
async function triedDelivery(webhookId: string, credentials: Credentials = bearer(tenant.apiKey)) {
  let id: string | undefined;
  await waitUntil(async () => {
    const [first] = (await call(t.app, 'GET', `/webhooks/${webhookId}/deliveries`, { credentials })).json().deliveries;
    id = first?.attempts >= 1 ? first.id : undefined;
    return id !== undefined;
  });
  const { state, lastError, attemptLog } = (await call(t.app, 'GET', `/webhook-deliveries/${id}`, { credentials })).json().delivery;
  return { state: state as string, lastError: lastError as string | null, attemptLog: attemptLog as Attempt[] };
}

const REFUSED = { state: 'failed', lastError: TARGET_NOT_ALLOWED, attemptLog: [expect.objectContaining({ statusCode: null, error: TARGET_NOT_ALLOWED, responseExcerpt: null })] };

describe('webhooks with the default policy', () => {
  it('never reach loopback, however it is written, and record one neutral error for open and closed ports alike', async () => {
    const targets = [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://0.0.0.0:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0x7f.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `https://localhost:${port}/hook`,
      `http://127.0.0.1:${closedPort}/hook`,
      `http://localhost:${closedPort}/hook`,
    ];
    const webhooks: Array<{ url: string; id: string }> = [];
    for (const url of targets) webhooks.push({ url, id: (await subscribe(url)).webhook.id });
    const engine = startEngine();
    await labelNewConversation();

    const outcomes = await Promise.all(webhooks.map(async ({ url, id }) => ({ url, ...(await triedDelivery(id)) })));
    await engine.drained();
    expect(outcomes).toEqual(targets.map((url) => ({ url, ...REFUSED })));
    expect(receiver.received).toEqual([]);
  });

  it('reach the receiver when ALLOW_PRIVATE_WEBHOOK_TARGETS is set', async () => {
    const { webhook } = await subscribe(`http://localhost:${port}/hook`);
    const engine = startEngine(LOCAL_RECEIVERS);
    await labelNewConversation();
    await receiver.waitFor((received) => received.length === 1);
    await engine.drained();
    expect(await triedDelivery(webhook.id)).toEqual({ state: 'delivered', lastError: null, attemptLog: [expect.objectContaining({ statusCode: 200, responseExcerpt: '{"ok":true}' })] });
  });

  it('do not follow a redirect, which could point past the check: a 3xx fails the delivery', async () => {
    const redirector = http.createServer((_request, response) => response.writeHead(307, { location: receiver.url }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const { webhook } = await subscribe(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`);
      const engine = startEngine(LOCAL_RECEIVERS);
      await labelNewConversation();
      expect(await triedDelivery(webhook.id)).toEqual({ state: 'failed', lastError: 'HTTP 307', attemptLog: [expect.objectContaining({ statusCode: 307 })] });
      await engine.drained();
      expect(receiver.received).toEqual([]);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });
});

describe("the delivery log (receivers' answers and error texts)", () => {
  it('is read by admins and admin API keys, never by agents', async () => {
    const { webhook } = await subscribe(receiver.url);
    const engine = startEngine(LOCAL_RECEIVERS);
    await labelNewConversation();
    await receiver.waitFor((received) => received.length === 1);
    await engine.drained();

    const admin = await sessionFor(t.app, tenant.adminEmail, tenant.adminPassword);
    const answered = [expect.objectContaining({ statusCode: 200, responseExcerpt: '{"ok":true}' })];
    expect((await triedDelivery(webhook.id, admin)).attemptLog).toEqual(answered);
    expect((await triedDelivery(webhook.id)).attemptLog).toEqual(answered);

    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    const agentSession = await sessionFor(t.app, agent.email, agent.password);
    const [delivery] = (await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries`, { credentials: admin })).json().deliveries;
    for (const path of [`/webhooks/${webhook.id}/deliveries`, `/webhook-deliveries/${delivery.id}`, `/webhooks/${webhook.id}`]) {
      expectError(await call(t.app, 'GET', path, { credentials: agentSession }), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
    }
  });
});

describe('the lookup outbound sockets connect with', () => {
  afterEach(() => vi.restoreAllMocks());

  /** DNS answering `addresses` for every name: a rebinding server's second answer, say. */
  const resolveTo = (...addresses: LookupAddress[]) =>
    vi.spyOn(dns, 'lookup').mockImplementation(((_hostname: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) =>
      callback(null, addresses)) as unknown as typeof dns.lookup);
  const lookUp = (options: dns.LookupOptions) =>
    new Promise<{ error: unknown; address: unknown; family: unknown }>((resolve) =>
      publicOnlyLookup('hooks.example', options, (error, address, family) => resolve({ error, address, family })),
    );

  it('refuses a name with any internal address, so the address connected to is the one checked', async () => {
    const lookup = resolveTo({ address: '127.0.0.1', family: 4 });
    const outcome = await postBody(new URL(`http://rebinding.example:${port}/hook`), {}, '{}', { timeoutMs: 5_000, maxResponseBytes: 100, allowPrivateTargets: false });
    expect(outcome).toMatchObject({ error: TARGET_NOT_ALLOWED, responseText: '', targetDenied: true });
    expect(outcome.statusCode).toBeUndefined();
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(receiver.received).toEqual([]);

    resolveTo({ address: '93.184.216.34', family: 4 }, { address: '::ffff:169.254.169.254', family: 6 });
    expect((await lookUp({ all: true })).error).toBeInstanceOf(TargetNotAllowedError);
  });

  it('passes public answers on in the form the socket asked for', async () => {
    resolveTo({ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 });
    expect(await lookUp({ all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookUp({})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });
});

describe('saving a URL with the default policy', () => {
  const defaults = useTestApp({ tenants: 1 });
  const admin = () => bearer(defaults.tenant.apiKey);
  const refused = (field: string) => ({
    status: 400,
    code: 'invalid',
    field,
    message: `${field} must name a public address: loopback, private and link-local addresses are refused (ALLOW_PRIVATE_WEBHOOK_TARGETS allows them)`,
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:8080/hook',
    'https://api.localhost/hook',
    'http://0.0.0.0/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://[fd00::1]/hook',
  ])('refuses %s for webhooks and bots, created or changed, with a 400 naming the field', async (url) => {
    const credentials = admin();
    expectError(await call(defaults.t.app, 'POST', '/webhooks', { credentials, payload: { format: 'native', url } }), refused('url'));
    expectError(await call(defaults.t.app, 'POST', '/bots', { credentials, payload: { name: 'Bot', endpointUrl: url } }), refused('endpointUrl'));

    const webhook = await call(defaults.t.app, 'POST', '/webhooks', { credentials, payload: { format: 'native', url: 'https://hooks.example.com/in' } });
    const bot = await call(defaults.t.app, 'POST', '/bots', { credentials, payload: { name: 'Bot', endpointUrl: 'http://93.184.216.34/bot' } });
    expect([webhook.statusCode, bot.statusCode], webhook.body + bot.body).toEqual([201, 201]);
    const webhookPath = `/webhooks/${webhook.json().webhook.id}`;
    const botPath = `/bots/${bot.json().bot.id}`;
    expectError(await call(defaults.t.app, 'PATCH', webhookPath, { credentials, payload: { url } }), refused('url'));
    expectError(await call(defaults.t.app, 'PATCH', botPath, { credentials, payload: { endpointUrl: url } }), refused('endpointUrl'));
    expect((await call(defaults.t.app, 'GET', webhookPath, { credentials })).json().webhook.url).toBe('https://hooks.example.com/in');
    expect((await call(defaults.t.app, 'GET', botPath, { credentials })).json().bot.endpointUrl).toBe('http://93.184.216.34/bot');
  });
});

describe('bots with the default policy', () => {
  let runner: BotRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it('are never POSTed to on loopback: the chat goes to a person', async () => {
    receiver.respond(() => ({ json: { content: [{ type: 'message', text: 'A bot on loopback' }] } }));
    const created = await call(t.app, 'POST', '/bots', { credentials: bearer(tenant.apiKey), payload: { name: 'Local bot', endpointUrl: `http://localhost:${port}/bot` } });
    expect(created.statusCode, created.body).toBe(201);
    const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    const widget = await createWidgetWith(t.core, tenant.organizationId, [{ botId: created.json().bot.id }, { userId: agent.id }]);
    runner = startBotRunner(t.core, loadConfig(FAST_WEBHOOKS), new Map([[snapEngageBotProtocol.id, snapEngageBotProtocol]]), (error) => console.error(error));
    await runner.drained();

    const { conversation } = await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, visitor: { email: 'vera@example.com' }, message: 'Hi' });
    await waitUntil(async () => (await getConversation(t.core, tenant.organizationId, conversation.id))?.assignee?.type === 'user');
    await runner.drained();
    expect((await getConversation(t.core, tenant.organizationId, conversation.id))!.assignee).toEqual({ type: 'user', id: agent.id });
    expect(receiver.received).toEqual([]);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
