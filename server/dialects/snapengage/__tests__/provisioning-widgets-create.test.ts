import { describe, expect, it } from 'vitest';
import { error, ok, type Body } from './provisioning-client.ts';
import { agent, expectedWidget, newEmail, SPLIT_MONDAY, useWidgetProvisioning, UUID } from './provisioning-widgets-kit.ts';

/** SnapEngage Provisioning API, creating widgets: PUT /api/v1/widget.json?api_key=… */

const { accounts, send, put, get, getUser, widgetBody, createWidget, widgetCount } = useWidgetProvisioning();

/** PUT `body`, then GET the widget: both must answer `answer` exactly (by default what `body` says). */
async function expectStored(body: Body, answer: (uuid: string) => unknown = (uuid) => expectedWidget(body, uuid)): Promise<void> {
  const reply = await put(body);
  const uuid = String((reply.body as Body).uuid);
  expect(reply).toEqual({ status: 201, body: answer(uuid) });
  expect(await get(uuid)).toEqual(ok(answer(uuid)));
}

describe('PUT /api/v1/widget.json creates a widget', () => {
  it('answers 201 with the widget: uuid, lower-cased e-mails, "wc:" agent ids, string enableProactiveChat', async () => {
    const reply = await put({
      email: accounts.owner.toUpperCase(),
      destinationEmail: 'transcripts@example.com',
      name: 'Widget #1',
      agents: [
        { agentId: 'New.Agent@Website.COM', agentAlias: 'A New Agent', agentAvatar: 'https://www.website.com/a.png', agentType: 'webclient' },
      ],
      enableProactiveChat: 'true',
      enableConversations: true,
      conversationSchedule: SPLIT_MONDAY,
    });
    expect(reply).toEqual({
      status: 201,
      body: {
        name: 'Widget #1',
        email: accounts.owner,
        destinationEmail: 'transcripts@example.com',
        uuid: expect.stringMatching(UUID),
        agents: [
          { agentId: 'wc:new.agent@website.com', agentAlias: 'A New Agent', agentAvatar: 'https://www.website.com/a.png', agentType: 'webclient' },
        ],
        enableProactiveChat: 'true',
        enableConversations: true,
        conversationSchedule: SPLIT_MONDAY,
        onlineButtonUrl: null,
        offlineButtonUrl: null,
        proactiveSettings: null,
      },
    });
  });

  it('stores it: GET answers the same body', async () => {
    const created = await createWidget();
    expect(await get(created.uuid)).toEqual(ok(created));
    expect(await get(created.uuid, accounts.owner.toUpperCase())).toEqual(ok(created));
  });

  it('reads a JSON body sent without Content-Type (the reference’s Python sample)', async () => {
    const body = widgetBody();
    const reply = await send('PUT', 'widget', {}, JSON.stringify(body), undefined, null);
    expect(reply).toEqual({ status: 201, body: expectedWidget(body, String((reply.body as Body).uuid)) });
  });

  it('fills what a minimal body (email and agents) leaves out', async () => {
    const only = agent();
    const reply = await put({ email: accounts.owner, agents: [only] });
    expect(reply).toEqual({
      status: 201,
      body: {
        name: 'Widget',
        email: accounts.owner,
        destinationEmail: null,
        uuid: expect.stringMatching(UUID),
        agents: [{ ...only, agentId: `wc:${String(only.agentId)}` }],
        enableProactiveChat: 'false',
        enableConversations: true,
        conversationSchedule: null,
        onlineButtonUrl: null,
        offlineButtonUrl: null,
        proactiveSettings: null,
      },
    });
  });

  it('accepts a "wc:"-prefixed agentId (any case) without doubling the prefix', async () => {
    const agents = [agent({ agentId: 'wc:prefixed.one@example.com' }), agent({ agentId: 'WC:Prefixed.Two@Example.com' })];
    const answered = [
      { ...agents[0], agentId: 'wc:prefixed.one@example.com' },
      { ...agents[1], agentId: 'wc:prefixed.two@example.com' },
    ];
    const body = widgetBody({ agents });
    await expectStored(body, (uuid) => ({ ...expectedWidget(body, uuid), agents: answered }));
  });

  it('keeps the agents in order with their alias, avatar and type', async () => {
    const agents = [
      agent({ agentAlias: 'First', agentType: 'webclient' }),
      agent({ agentAlias: 'Second', agentType: 'google', agentAvatar: '' }),
      agent({ agentAlias: 'Third', agentType: 'skype', agentAvatar: 'https://cdn.example.com/3.png' }),
    ];
    await expectStored(widgetBody({ agents }));
  });

  it.each<[boolean | string, string]>([
    [true, 'true'],
    ['true', 'true'],
    [false, 'false'],
    ['false', 'false'],
  ])('takes enableProactiveChat %j and answers the string %j', async (given, answered) => {
    const body = widgetBody({ enableProactiveChat: given });
    await expectStored(body, (uuid) => ({ ...expectedWidget(body, uuid), enableProactiveChat: answered }));
  });

  it.each<[boolean | string, boolean]>([
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
  ])('takes enableConversations %j and answers the boolean %j', async (given, answered) => {
    const body = widgetBody({ enableConversations: given });
    await expectStored(body, (uuid) => ({ ...expectedWidget(body, uuid), enableConversations: answered }));
  });

  it('accepts the deprecated onlineButtonUrl, offlineButtonUrl and proactiveSettings and answers them null', async () => {
    const body = widgetBody({
      onlineButtonUrl: 'https://www.website.com/online.png',
      offlineButtonUrl: 'https://www.website.com/offline.png',
      proactiveSettings: { delayInSec: '45', message: 'Can I help you?' },
    });
    await expectStored(body);
  });

  it('round-trips a schedule exactly: several entries per day, noon, midnight, overnight, disabled days', async () => {
    const conversationSchedule = {
      timeZone: 'Europe/Berlin',
      schedules: [
        { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['9:00 AM', '12:00 PM'] },
        { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['1:00 PM', '5:00 PM'] },
        { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['7:30 PM', '11:45 PM'] },
        { dayOfWeek: 'TUESDAY', enabled: false, scheduleList: ['8:00 AM', '5:00 PM'] },
        { dayOfWeek: 'WEDNESDAY', enabled: true, scheduleList: ['12:00 AM', '12:30 AM'] },
        { dayOfWeek: 'THURSDAY', enabled: true, scheduleList: ['12:15 PM', '12:45 PM'] },
        { dayOfWeek: 'FRIDAY', enabled: true, scheduleList: ['10:00 PM', '2:00 AM'] },
        { dayOfWeek: 'SATURDAY', enabled: true, scheduleList: ['11:59 AM', '12:00 AM'] },
        { dayOfWeek: 'SUNDAY', enabled: false, scheduleList: ['10:00 AM', '4:00 PM'] },
      ],
    };
    await expectStored(widgetBody({ conversationSchedule }));
  });

  it('accepts an empty list of schedules', async () => {
    await expectStored(widgetBody({ conversationSchedule: { timeZone: 'UTC', schedules: [] } }));
  });

  it('makes agents new to the organization its users (named after their alias, no accountType)', async () => {
    const newcomer = newEmail('newcomer');
    await createWidget({ agents: [agent({ agentId: newcomer, agentAlias: 'Newcomer' })] });
    expect(await getUser(newcomer)).toEqual(ok({ email: newcomer, name: 'Newcomer', phone: null, accountType: null }));
  });

  it('answers 404 for an account e-mail that is not a user, and creates nothing', async () => {
    const before = await widgetCount();
    expect(await put(widgetBody({ email: 'Nobody@Example.com' }))).toEqual(error(404, 'no user with email nobody@example.com'));
    expect(await widgetCount()).toBe(before);
  });
});
