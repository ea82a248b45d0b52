import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getWidgets } from '../../../core/queries/widgets.ts';
import { createTenant, useTestApp } from '../../../test/test-app.ts';
import { emailMaker, error, ok, provisioningClient, type Body, type Reply } from './provisioning-client.ts';

/** SnapEngage Provisioning API, widgets: PUT/GET/POST/DELETE /api/v1/widget.json?api_key=… */

/** `tenant` is organization A, the one most tests act as; `other` is B, for isolation tests. */
const { t, tenant, other } = useTestApp({ tenants: 2 });
/** The account (user e-mail) of A that owns the widgets tests create. */
let owner: string;
/** An account of B. */
let otherOwner: string;

// ---------------------------------------------------------------- helpers

const send = provisioningClient(() => t.app, () => tenant.apiKey);
const put = (body: unknown, key?: string | null) => send('PUT', 'widget', {}, body, key);
const post = (body: unknown, key?: string | null) => send('POST', 'widget', {}, body, key);
const get = (uuid: string, email = owner, key?: string | null) => send('GET', 'widget', { uuid, email }, undefined, key);
const del = (uuid: string, email = owner, key?: string | null) => send('DELETE', 'widget', { uuid, email }, undefined, key);
const getUser = (email: string) => send('GET', 'user', { email });

const { newEmail, emailOfLength } = emailMaker();

/** Creates an account through the user endpoint and returns its e-mail. */
async function createAccount(key = tenant.apiKey): Promise<string> {
  const email = newEmail('account');
  const reply = await send('PUT', 'user', {}, { email, name: 'Account', password: '12345', accountType: 'enterprise' }, key);
  expect(reply.status).toBe(201);
  return email;
}
/** GET user.json's answer for `owner`: the account outlives what happens to its widgets. */
const ownerAnswer = () => ok({ email: owner, name: 'Account', phone: null, accountType: 'enterprise' });

const agent = (overrides: Body = {}): Body => ({
  agentId: newEmail('agent'),
  agentAlias: 'An Agent',
  agentAvatar: 'https://www.website.com/agent.png',
  agentType: 'webclient',
  ...overrides,
});

/** The reference's example: Monday with a lunch break, i.e. two entries for one day. */
const SPLIT_MONDAY = {
  timeZone: 'US/Mountain',
  schedules: [
    { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['9:00 AM', '12:00 PM'] },
    { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['1:00 PM', '5:00 PM'] },
  ],
};

const widgetBody = (overrides: Body = {}): Body => ({
  email: owner,
  destinationEmail: 'transcripts@example.com',
  name: 'Widget #1',
  agents: [agent()],
  enableProactiveChat: 'true',
  enableConversations: true,
  conversationSchedule: SPLIT_MONDAY,
  ...overrides,
});

/** The answer for a widget stored from `body`, for bodies already in the answer's form (lower-case e-mails, string enableProactiveChat). */
const expectedWidget = (body: Body, uuid: string) => ({
  name: body.name,
  email: body.email,
  destinationEmail: body.destinationEmail,
  uuid,
  agents: (body.agents as Body[]).map((a) => ({ ...a, agentId: `wc:${String(a.agentId)}` })),
  enableProactiveChat: body.enableProactiveChat,
  enableConversations: body.enableConversations,
  conversationSchedule: body.conversationSchedule,
  onlineButtonUrl: null,
  offlineButtonUrl: null,
  proactiveSettings: null,
});

/** Creates a widget through the API and returns its response body. */
async function createWidget(overrides: Body = {}): Promise<Body & { uuid: string }> {
  const reply = await put(widgetBody(overrides));
  expect(reply.status).toBe(201);
  return reply.body as Body & { uuid: string };
}

/** Live widgets of organization A, read through core: there is no list endpoint. */
/** PUT `body`, then GET the widget: both must answer `answer` exactly (by default what `body` says). */
async function expectStored(body: Body, answer: (uuid: string) => unknown = (uuid) => expectedWidget(body, uuid)): Promise<void> {
  const reply = await put(body);
  const uuid = String((reply.body as Body).uuid);
  expect(reply).toEqual({ status: 201, body: answer(uuid) });
  expect(await get(uuid)).toEqual(ok(answer(uuid)));
}

const widgetCount = async () => (await getWidgets(t.core, tenant.organizationId)).length;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  owner = await createAccount();
  otherOwner = await createAccount(other.apiKey);
});

// ---------------------------------------------------------------- create

describe('PUT /api/v1/widget.json creates a widget', () => {
  it('answers 201 with the widget: uuid, lower-cased e-mails, "wc:" agent ids, string enableProactiveChat', async () => {
    const reply = await put({
      email: owner.toUpperCase(),
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
        email: owner,
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
    expect(await get(created.uuid, owner.toUpperCase())).toEqual(ok(created));
  });

  it('reads a JSON body sent without Content-Type (the reference’s Python sample)', async () => {
    const body = widgetBody();
    const reply = await send('PUT', 'widget', {}, JSON.stringify(body), undefined, null);
    expect(reply).toEqual({ status: 201, body: expectedWidget(body, String((reply.body as Body).uuid)) });
  });

  it('fills what a minimal body (email and agents) leaves out', async () => {
    const only = agent();
    const reply = await put({ email: owner, agents: [only] });
    expect(reply).toEqual({
      status: 201,
      body: {
        name: 'Widget',
        email: owner,
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

// ---------------------------------------------------------------- read

describe('GET /api/v1/widget.json', () => {
  it.each([
    ['an unknown uuid', () => randomUUID()],
    ['a malformed uuid', () => 'nope'],
  ])('answers 404 for %s', async (_, uuid) => {
    const id = uuid();
    expect(await get(id)).toEqual(error(404, `no widget with uuid ${id}`));
  });

  it('answers 404 when the e-mail is not a user', async () => {
    const created = await createWidget();
    expect(await get(created.uuid, 'nobody@example.com')).toEqual(error(404, 'no user with email nobody@example.com'));
  });

  it('answers 404 when the e-mail is another account of the organization than the widget’s', async () => {
    const created = await createWidget();
    const someoneElse = await createAccount();
    expect(await get(created.uuid, someoneElse)).toEqual(error(404, `no widget with uuid ${created.uuid}`));
  });

  it.each<[string, Record<string, string>, string]>([
    ['uuid missing', { email: 'someone@example.com' }, 'uuid is required'],
    ['email missing', { uuid: '31a11b98-ffd2-425d-aa69-2c6ff8a40a16' }, 'email is required'],
    ['email not an e-mail', { uuid: '31a11b98-ffd2-425d-aa69-2c6ff8a40a16', email: 'someone' }, 'email must be a valid email'],
    ['uuid empty', { uuid: '', email: 'someone@example.com' }, 'uuid must not be empty'],
  ])('answers 400 with %s', async (_, query, message) => {
    expect(await send('GET', 'widget', query)).toEqual(error(400, message));
  });
});

// ---------------------------------------------------------------- update

describe('POST /api/v1/widget.json updates a widget', () => {
  it('answers 200 with the updated widget and stores it', async () => {
    const created = await createWidget();
    const update = widgetBody({
      uuid: created.uuid,
      name: 'Widget #1 - Sales Widget',
      destinationEmail: 'sales@example.com',
      agents: [agent({ agentAlias: 'Replacement', agentType: 'skype' })],
      enableProactiveChat: 'false',
      enableConversations: false,
      conversationSchedule: { timeZone: 'Asia/Kolkata', schedules: [{ dayOfWeek: 'FRIDAY', enabled: true, scheduleList: ['10:00 AM', '6:00 PM'] }] },
    });
    const expected = expectedWidget(update, created.uuid);
    expect(await post(update)).toEqual(ok(expected));
    expect(await get(created.uuid)).toEqual(ok(expected));
  });

  it('keeps the optional fields the request leaves out', async () => {
    const created = await createWidget({ enableProactiveChat: 'true', enableConversations: false });
    const replacement = agent({ agentAlias: 'Only Agent' });
    const expected = { ...created, agents: [{ ...replacement, agentId: `wc:${String(replacement.agentId)}` }] };
    expect(await post({ email: owner, uuid: created.uuid, agents: [replacement] })).toEqual(ok(expected));
    expect(await get(created.uuid)).toEqual(ok(expected));
  });

  it('clears the schedule with null and the destination e-mail with ""', async () => {
    const created = await createWidget();
    const update = { email: owner, uuid: created.uuid, agents: created.agents, conversationSchedule: null, destinationEmail: '' };
    const expected = { ...created, conversationSchedule: null, destinationEmail: null };
    expect(await post(update)).toEqual(ok(expected));
    expect(await get(created.uuid)).toEqual(ok(expected));
  });

  it('accepts its own GET response back unchanged ("wc:" ids, string booleans, null deprecated fields)', async () => {
    const created = await createWidget({ agents: [agent(), agent({ agentType: 'google' })] });
    const fetched = (await get(created.uuid)).body;
    expect(await post(fetched)).toEqual(ok(created));
    expect(await get(created.uuid)).toEqual(ok(created));
  });

  it('accepts back an agentId of 99 characters that came with its "wc:" prefix', async () => {
    const longAgent = emailOfLength(99);
    const created = await createWidget({ agents: [agent({ agentId: longAgent })] });
    expect(await post((await get(created.uuid)).body)).toEqual(ok(created));
  });

  it.each([
    ['an unknown uuid', () => randomUUID()],
    ['a malformed uuid', () => 'nope'],
  ])('answers 404 for %s', async (_, uuid) => {
    const id = uuid();
    expect(await post(widgetBody({ uuid: id }))).toEqual(error(404, `no widget with uuid ${id}`));
  });

  it('answers 404 when the e-mail is another account of the organization than the widget’s, and changes nothing', async () => {
    const created = await createWidget();
    const someoneElse = await createAccount();
    expect(await post(widgetBody({ email: someoneElse, uuid: created.uuid, name: 'Moved' }))).toEqual(
      error(404, `no widget with uuid ${created.uuid}`),
    );
    expect(await get(created.uuid)).toEqual(ok(created));
  });
});

// ---------------------------------------------------------------- delete

describe('DELETE', () => {
  it('/api/v1/widget.json answers 200 with an empty body; the widget is gone afterwards', async () => {
    const created = await createWidget();
    const gone = error(404, `no widget with uuid ${created.uuid}`);
    expect(await del(created.uuid, owner.toUpperCase())).toEqual({ status: 200, body: '' });
    expect(await get(created.uuid)).toEqual(gone);
    expect(await post(widgetBody({ uuid: created.uuid }))).toEqual(gone);
    expect(await del(created.uuid)).toEqual(gone);
  });

  it('/api/v1/user.json?uuid=&email= (the path the reference’s text shows) deletes the widget, not the user', async () => {
    const created = await createWidget();
    expect(await send('DELETE', 'user', { uuid: created.uuid, email: owner })).toEqual({ status: 200, body: '' });
    expect(await get(created.uuid)).toEqual(error(404, `no widget with uuid ${created.uuid}`));
    expect(await getUser(owner)).toEqual(ownerAnswer());
  });

  it.each([
    ['an unknown uuid', () => randomUUID()],
    ['a malformed uuid', () => 'nope'],
  ])('answers 404 for %s', async (_, uuid) => {
    const id = uuid();
    expect(await del(id)).toEqual(error(404, `no widget with uuid ${id}`));
    expect(await send('DELETE', 'user', { uuid: id, email: owner })).toEqual(error(404, `no widget with uuid ${id}`));
  });

  it('answers 404 when the e-mail is another account of the organization than the widget’s, and keeps the widget', async () => {
    const created = await createWidget();
    const someoneElse = await createAccount();
    expect(await del(created.uuid, someoneElse)).toEqual(error(404, `no widget with uuid ${created.uuid}`));
    expect(await send('DELETE', 'user', { uuid: created.uuid, email: someoneElse })).toEqual(error(404, `no widget with uuid ${created.uuid}`));
    expect(await get(created.uuid)).toEqual(ok(created));
  });

  it.each<[string, Record<string, string>, string]>([
    ['uuid missing', { email: 'someone@example.com' }, 'uuid is required'],
    ['email missing', { uuid: '31a11b98-ffd2-425d-aa69-2c6ff8a40a16' }, 'email is required'],
  ])('answers 400 with %s', async (_, query, message) => {
    expect(await send('DELETE', 'widget', query)).toEqual(error(400, message));
  });
});

// ---------------------------------------------------------------- bad input

/** Each case: what it is, how it changes a valid body, and the 400 message (which names the field). */
type BadCase = [string, (body: Body) => unknown, string];

const withAgent = (overrides: Body) => (body: Body) => ({ ...body, agents: [agent(overrides)] });
const withoutAgentField = (field: string) => (body: Body) => {
  const incomplete = agent();
  delete incomplete[field];
  return { ...body, agents: [incomplete] };
};
const withSchedule = (entry: Body) => (body: Body) => ({
  ...body,
  conversationSchedule: { timeZone: 'US/Mountain', schedules: [{ dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['9:00 AM', '5:00 PM'], ...entry }] },
});
const without = (field: string) => (body: Body) => ({ ...body, [field]: undefined });
const withFields = (changes: Body) => (body: Body) => ({ ...body, ...changes });

const SCHEDULE_ENTRY = 'conversationSchedule.schedules[0]';
const badBodies: BadCase[] = [
  ['email missing', without('email'), 'email is required'],
  ['email not an e-mail', withFields({ email: 'owner.example.com' }), 'email must be a valid email'],
  ['agents missing', without('agents'), 'agents is required'],
  ['agents empty', withFields({ agents: [] }), 'agents must have at least 1 item(s)'],
  ['agents a string', withFields({ agents: 'x' }), 'agents must be of type array'],
  ['agent not an object', withFields({ agents: ['agent@example.com'] }), 'agents[0] must be of type object'],
  ['agent lacking agentId', withoutAgentField('agentId'), 'agents[0].agentId is required'],
  ['agent lacking agentAlias', withoutAgentField('agentAlias'), 'agents[0].agentAlias is required'],
  ['agent lacking agentAvatar', withoutAgentField('agentAvatar'), 'agents[0].agentAvatar is required'],
  ['agent lacking agentType', withoutAgentField('agentType'), 'agents[0].agentType is required'],
  ['agentType "msn"', withAgent({ agentType: 'msn' }), 'agents[0].agentType must be one of: webclient, google, skype'],
  ['agentType "Webclient"', withAgent({ agentType: 'Webclient' }), 'agents[0].agentType must be one of: webclient, google, skype'],
  ['agentId not an e-mail', withAgent({ agentId: '12345' }), 'agents[0].agentId has an invalid format'],
  ['agentId of 100 characters', withAgent({ agentId: emailOfLength(100) }), 'agents[0].agentId must be shorter than 100 characters'],
  ['"wc:" + agentId of 100 characters', withAgent({ agentId: `wc:${emailOfLength(100)}` }), 'agents[0].agentId must be shorter than 100 characters'],
  ['agentAlias empty', withAgent({ agentAlias: '' }), 'agents[0].agentAlias must not be empty'],
  ['agentAlias only blanks', withAgent({ agentAlias: '   ' }), 'agents[0].agentAlias must not be empty'],
  [
    'the same agent twice',
    (body) => ({ ...body, agents: [agent({ agentId: 'twice@example.com' }), agent({ agentId: 'WC:Twice@example.com' })] }),
    'agents[1] appears more than once',
  ],
  ['name of 100 characters', withFields({ name: 'n'.repeat(100) }), 'name must be shorter than 100 characters'],
  ['name only blanks', withFields({ name: '   ' }), 'name must not be empty'],
  ['name a number', withFields({ name: 123 }), 'name must be of type string'],
  ['destinationEmail not an e-mail', withFields({ destinationEmail: 'transcripts' }), 'destinationEmail must be a valid email'],
  ['enableConversations "yes"', withFields({ enableConversations: 'yes' }), 'enableConversations must be of type boolean'],
  ['enableProactiveChat "yes"', withFields({ enableProactiveChat: 'yes' }), 'enableProactiveChat must be of type boolean'],
  ['conversationSchedule a string', withFields({ conversationSchedule: 'always' }), 'conversationSchedule must be of type object'],
  ['timeZone missing', withFields({ conversationSchedule: { schedules: [] } }), 'conversationSchedule.timeZone is required'],
  ['timeZone "Mars/Base"', withFields({ conversationSchedule: { ...SPLIT_MONDAY, timeZone: 'Mars/Base' } }), 'conversationSchedule.timeZone must be a known IANA time zone, got "Mars/Base"'],
  ['schedules missing', withFields({ conversationSchedule: { timeZone: 'UTC' } }), 'conversationSchedule.schedules is required'],
  ['dayOfWeek "MONDAYS"', withSchedule({ dayOfWeek: 'MONDAYS' }), `${SCHEDULE_ENTRY}.dayOfWeek must be one of: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY`],
  ['dayOfWeek "monday"', withSchedule({ dayOfWeek: 'monday' }), `${SCHEDULE_ENTRY}.dayOfWeek must be one of: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY`],
  ['enabled "yes"', withSchedule({ enabled: 'yes' }), `${SCHEDULE_ENTRY}.enabled must be of type boolean`],
  ['scheduleList "9 AM"', withSchedule({ scheduleList: ['9 AM', '5:00 PM'] }), `${SCHEDULE_ENTRY}.scheduleList[0] has an invalid format`],
  ['scheduleList "13:00 PM"', withSchedule({ scheduleList: ['9:00 AM', '13:00 PM'] }), `${SCHEDULE_ENTRY}.scheduleList[1] has an invalid format`],
  ['scheduleList "17:00"', withSchedule({ scheduleList: ['9:00 AM', '17:00'] }), `${SCHEDULE_ENTRY}.scheduleList[1] has an invalid format`],
  ['scheduleList with one element', withSchedule({ scheduleList: ['9:00 AM'] }), `${SCHEDULE_ENTRY}.scheduleList must have at least 2 item(s)`],
  ['scheduleList with three elements', withSchedule({ scheduleList: ['9:00 AM', '12:00 PM', '5:00 PM'] }), `${SCHEDULE_ENTRY}.scheduleList must have at most 2 item(s)`],
  ['scheduleList starting when it ends', withSchedule({ scheduleList: ['9:00 AM', '9:00 AM'] }), `${SCHEDULE_ENTRY} starts and ends at the same time`],
];

const badRawBodies: Array<[string, string, string]> = [
  ['not JSON', '{"email": ', 'request body is not valid JSON'],
  ['an array', '[]', 'body must be of type object'],
  ['a string', '"widget"', 'body must be of type object'],
];

describe('bad input on create is a 400 naming the field, and creates nothing', () => {
  it.each(badBodies)('%s', async (_, change, message) => {
    const before = await widgetCount();
    expect(await put(change(widgetBody()))).toEqual(error(400, message));
    expect(await widgetCount()).toBe(before);
  });

  it.each(badRawBodies)('body %s', async (_, raw, message) => {
    const before = await widgetCount();
    expect(await put(raw)).toEqual(error(400, message));
    expect(await widgetCount()).toBe(before);
  });

  it('accepts a name of 99 characters', async () => {
    const created = await createWidget({ name: 'n'.repeat(99) });
    expect(created.name).toBe('n'.repeat(99));
  });

  it('an agent refused after another was accepted rolls back the whole request (no widget, no invited user)', async () => {
    const before = await widgetCount();
    const newcomer = newEmail('rolled-back');
    const reply = await put(widgetBody({ agents: [agent({ agentId: newcomer }), agent({ agentId: otherOwner })] }));
    expect(reply).toEqual(error(400, `agents[1] e-mail ${otherOwner} cannot be used`));
    expect(await widgetCount()).toBe(before);
    expect(await getUser(newcomer)).toEqual(error(404, `no user with email ${newcomer}`));
  });
});

describe('bad input on update is a 400 naming the field, and leaves the widget as it was', () => {
  let stored: Body & { uuid: string };
  beforeAll(async () => {
    stored = await createWidget({ name: 'Stored Widget', enableProactiveChat: 'true', enableConversations: false });
  });

  it.each(badBodies)('%s', async (_, change, message) => {
    const update = change(widgetBody({ uuid: stored.uuid, name: 'Changed', enableProactiveChat: 'false', conversationSchedule: null }));
    expect(await post(update)).toEqual(error(400, message));
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });

  it('uuid missing', async () => {
    expect(await post(widgetBody({ name: 'Changed' }))).toEqual(error(400, 'uuid is required'));
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });

  it.each(badRawBodies)('body %s', async (_, raw, message) => {
    expect(await post(raw)).toEqual(error(400, message));
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });

  it('an agent refused after the settings were applied rolls back the whole request', async () => {
    const newcomer = newEmail('rolled-back');
    const update = widgetBody({ uuid: stored.uuid, name: 'Changed', agents: [agent({ agentId: newcomer }), agent({ agentId: otherOwner })] });
    expect(await post(update)).toEqual(error(400, `agents[1] e-mail ${otherOwner} cannot be used`));
    expect(await get(stored.uuid)).toEqual(ok(stored));
    expect(await getUser(newcomer)).toEqual(error(404, `no user with email ${newcomer}`));
  });
});

// ---------------------------------------------------------------- authentication

describe('api_key', () => {
  let stored: Body & { uuid: string };
  beforeAll(async () => {
    stored = await createWidget({ name: 'Guarded Widget' });
  });

  const requests: Array<[string, (key: string | null) => Promise<Reply>]> = [
    ['PUT', (key) => put(widgetBody(), key)],
    ['GET', (key) => get(stored.uuid, owner, key)],
    ['POST', (key) => post(widgetBody({ uuid: stored.uuid, name: 'Hijacked' }), key)],
    ['DELETE', (key) => del(stored.uuid, owner, key)],
    ['DELETE user.json?uuid=', (key) => send('DELETE', 'user', { uuid: stored.uuid, email: owner }, undefined, key)],
  ];

  it.each(requests)('%s without api_key is 401', async (_, request) => {
    expect(await request(null)).toEqual(error(401, 'api_key is required'));
  });

  it.each(requests)('%s with a wrong api_key is 401', async (_, request) => {
    expect(await request(`sbk_000000000000_${'A'.repeat(43)}`)).toEqual(error(401, 'api_key is invalid or revoked'));
  });

  it.each(requests)('%s with a key lacking the "provisioning" scope is 403', async (_, request) => {
    const { apiKey } = await createTenant(t.core, ['chat', 'agent_status', 'logs', 'admin']);
    expect(await request(apiKey)).toEqual(error(403, 'api_key lacks the "provisioning" scope'));
  });

  it('none of the refused requests changed or deleted the widget', async () => {
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });
});

// ---------------------------------------------------------------- tenant isolation

describe('tenant isolation: organization B cannot reach organization A’s widgets', () => {
  let stored: Body & { uuid: string };
  beforeAll(async () => {
    stored = await createWidget({ name: 'Tenant A Widget' });
  });

  /** B naming A's account (not a user of B) or its own account: both must find nothing. */
  const asB: Array<[string, () => string, (uuid: string) => string]> = [
    ['with A’s account e-mail', () => owner, () => `no user with email ${owner}`],
    ['with B’s own account e-mail', () => otherOwner, (uuid) => `no widget with uuid ${uuid}`],
  ];

  describe.each(asB)('%s', (_, email, message) => {
    it('GET answers 404', async () => {
      expect(await get(stored.uuid, email(), other.apiKey)).toEqual(error(404, message(stored.uuid)));
    });

    it('POST answers 404', async () => {
      const update = widgetBody({ email: email(), uuid: stored.uuid, name: 'Taken Over', agents: [agent()] });
      expect(await post(update, other.apiKey)).toEqual(error(404, message(stored.uuid)));
    });

    it('DELETE answers 404', async () => {
      expect(await del(stored.uuid, email(), other.apiKey)).toEqual(error(404, message(stored.uuid)));
      const viaUserPath = await send('DELETE', 'user', { uuid: stored.uuid, email: email() }, undefined, other.apiKey);
      expect(viaUserPath).toEqual(error(404, message(stored.uuid)));
    });
  });

  it('B cannot create a widget on A’s account', async () => {
    const before = await widgetCount();
    expect(await put(widgetBody(), other.apiKey)).toEqual(error(404, `no user with email ${owner}`));
    expect(await widgetCount()).toBe(before);
  });

  it('B cannot make A’s user an agent of its widget', async () => {
    const reply = await put(widgetBody({ email: otherOwner, agents: [agent({ agentId: owner })] }), other.apiKey);
    expect(reply).toEqual(error(400, `agents[0] e-mail ${owner} cannot be used`));
    expect(await getUser(owner)).toEqual(ownerAnswer());
  });

  it('A’s widget is unchanged afterwards', async () => {
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });
});
