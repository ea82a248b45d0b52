import { describe, expect, it } from 'vitest';
import { getBots } from '../../../../core/queries/bots.ts';
import { snapEngageBotProtocol } from '../../../../dialects/snapengage/bot/protocol.ts';
import { botProtocols } from '../../../../integrations/bot-protocols.ts';
import { call, createMember, expectError, ISO_TIMESTAMP, sessionFor, useAdminApi } from './native-test-kit.ts';

/** Bots through the native API: the protocol each speaks is recorded, shown and changeable. */
const { t, tenant, admin } = useAdminApi();

const SNAPENGAGE = 'snapengage.bot-api';

async function createBot(payload: Record<string, unknown>) {
  const response = await call(t.app, 'POST', '/bots', { credentials: admin, payload: { name: 'Helper', endpointUrl: 'https://bot.example.com/hook', ...payload } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().bot as Record<string, unknown> & { id: string };
}

describe('bot protocols', () => {
  it('lists every protocol a dialect provides, SnapEngage’s Bot API among them', async () => {
    const response = await call(t.app, 'GET', '/bot-protocols', { credentials: admin });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toStrictEqual({ protocols: [...botProtocols.values()].map(({ id, description }) => ({ id, description })) });
    expect(response.json().protocols).toContainEqual({ id: SNAPENGAGE, description: expect.stringContaining('SnapEngage Bot API') });
  });

  it('lists them for admins only, as the bots themselves', async () => {
    const agent = await createMember(t.core, tenant.organizationId, 'agent');
    const response = await call(t.app, 'GET', '/bot-protocols', { credentials: await sessionFor(t.app, agent.email, agent.password) });
    expectError(response, { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
  });

  it('defaults a new bot to SnapEngage’s Bot API, the id its dialect declares', async () => {
    expect(snapEngageBotProtocol.id).toBe(SNAPENGAGE);
    const bot = await createBot({});
    expect(bot).toStrictEqual({
      id: expect.any(String),
      name: 'Helper',
      endpointUrl: 'https://bot.example.com/hook',
      hasEndpointToken: false,
      protocol: SNAPENGAGE,
      presence: 'online',
      createdAt: expect.stringMatching(ISO_TIMESTAMP),
    });
    expect((await call(t.app, 'GET', `/bots/${bot.id}`, { credentials: admin })).json()).toStrictEqual({ bot });
    expect((await call(t.app, 'GET', '/bots', { credentials: admin })).json().bots).toContainEqual(bot);
  });

  it('records the protocol given on create and on update', async () => {
    const bot = await createBot({ protocol: SNAPENGAGE });
    expect(bot.protocol).toBe(SNAPENGAGE);
    const updated = await call(t.app, 'PATCH', `/bots/${bot.id}`, { credentials: admin, payload: { protocol: SNAPENGAGE, name: 'Renamed' } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toStrictEqual({ bot: { ...bot, name: 'Renamed' } });
  });

  it.each<[string, unknown]>([
    ['an unknown id', 'acme.bot-api'],
    ['the dialect without the protocol', 'snapengage'],
    ['null', null],
    ['a number', 7],
  ])('refuses %s with a 400 naming `protocol`, on create and on update, changing nothing', async (_, protocol) => {
    const bot = await createBot({});
    const before = await getBots(t.core, tenant.organizationId);
    const refused = { status: 400, code: 'invalid', field: 'protocol', message: `protocol must be one of: ${[...botProtocols.keys()].join(', ')}` };
    expectError(await call(t.app, 'POST', '/bots', { credentials: admin, payload: { name: 'Other', endpointUrl: 'https://bot.example.com', protocol } }), refused);
    expectError(await call(t.app, 'PATCH', `/bots/${bot.id}`, { credentials: admin, payload: { protocol } }), refused);
    expect(await getBots(t.core, tenant.organizationId)).toStrictEqual(before);
  });

  it('offers the protocols in the OpenAPI document as an enum', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const body = doc.paths['/native/v1/bots'].post.requestBody.content['application/json'].schema;
    expect(body.properties.protocol.enum).toEqual([...botProtocols.keys()]);
  });
});
