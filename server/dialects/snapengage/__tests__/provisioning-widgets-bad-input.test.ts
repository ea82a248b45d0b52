import { beforeAll, describe, expect, it } from 'vitest';
import { error, ok, type Body } from './provisioning-client.ts';
import { agent, emailOfLength, newEmail, SPLIT_MONDAY, useWidgetProvisioning } from './provisioning-widgets-kit.ts';

/** SnapEngage Provisioning API, widgets: bad input on create (PUT) and update (POST) is a 400 that changes nothing. */

const { accounts, put, post, get, getUser, widgetBody, createWidget, widgetCount } = useWidgetProvisioning();

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
    const reply = await put(widgetBody({ agents: [agent({ agentId: newcomer }), agent({ agentId: accounts.otherOwner })] }));
    expect(reply).toEqual(error(400, `agents[1] e-mail ${accounts.otherOwner} cannot be used`));
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
    const update = widgetBody({ uuid: stored.uuid, name: 'Changed', agents: [agent({ agentId: newcomer }), agent({ agentId: accounts.otherOwner })] });
    expect(await post(update)).toEqual(error(400, `agents[1] e-mail ${accounts.otherOwner} cannot be used`));
    expect(await get(stored.uuid)).toEqual(ok(stored));
    expect(await getUser(newcomer)).toEqual(error(404, `no user with email ${newcomer}`));
  });
});
