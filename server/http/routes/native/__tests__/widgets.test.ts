import { beforeAll, describe, expect, it } from 'vitest';
import { createWidget } from '../../../../core/commands/create-widget.ts';
import { getWidget } from '../../../../core/queries/widgets.ts';
import {
  bearer,
  call,
  createMember,
  expectError,
  expectRejectedWithoutChange,
  ISO_TIMESTAMP,
  newEmail,
  UNKNOWN_IDS,
  useAdminApi,
} from './native-test-kit.ts';

/** GET/POST /widgets, GET/PATCH/DELETE /widgets/:id. */

const { t, tenant, other, admin } = useAdminApi();
let agent: Awaited<ReturnType<typeof createMember>>;
let otherAgent: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  agent = await createMember(t.core, tenant.organizationId, 'agent');
  otherAgent = await createMember(t.core, other.organizationId, 'agent');
});

const post = (payload: unknown, credentials = admin) => call(t.app, 'POST', '/widgets', { credentials, payload });
const patch = (id: string, payload: unknown, credentials = admin) => call(t.app, 'PATCH', `/widgets/${id}`, { credentials, payload });
const get = (id: string, credentials = admin) => call(t.app, 'GET', `/widgets/${id}`, { credentials });
const del = (id: string, credentials = admin) => call(t.app, 'DELETE', `/widgets/${id}`, { credentials });

async function newWidget(organizationId = tenant.organizationId) {
  return createWidget(t.core, organizationId, { name: 'Existing', members: [{ email: newEmail('member'), alias: 'Old' }] });
}

const SCHEDULE = {
  timeZone: 'Europe/Berlin',
  ranges: [
    { weekday: 0, enabled: true, startMinute: 540, endMinute: 1020 },
    { weekday: 5, enabled: false, startMinute: 1320, endMinute: 120 },
  ],
};

describe('POST /widgets', () => {
  it('creates a widget with every field and answers 201 with it', async () => {
    const invitee = newEmail('invitee');
    const response = await post({
      name: 'Sales',
      destinationEmail: 'Leads@Example.com',
      emailRequired: true,
      messageRequired: true,
      proactiveEnabled: true,
      conversationsEnabled: false,
      schedule: SCHEDULE,
      allowedDomains: ['Shop.Example.com', '*.example.org', 'localhost:3000'],
      blockedIps: ['192.0.2.1', '2001:db8::/32'],
      members: [
        { userId: agent.user.id, alias: 'Ann', avatarUrl: 'https://cdn.example.com/ann.png', memberType: 'webclient', tags: ['sales', 'de'] },
        { email: invitee, alias: 'New person' },
      ],
    });

    expect(response.statusCode, response.body).toBe(201);
    const { widget } = response.json();
    expect(widget).toStrictEqual({
      id: expect.any(String),
      organizationId: tenant.organizationId,
      channelType: 'web_widget',
      ownerUserId: null,
      name: 'Sales',
      destinationEmail: 'leads@example.com',
      emailRequired: true,
      messageRequired: true,
      proactiveEnabled: true,
      conversationsEnabled: false,
      schedule: SCHEDULE,
      allowedDomains: ['shop.example.com', '*.example.org', 'localhost:3000'],
      blockedIps: ['192.0.2.1', '2001:db8::/32'],
      members: [
        {
          id: expect.any(String),
          userId: agent.user.id,
          botId: null,
          email: agent.email,
          alias: 'Ann',
          avatarUrl: 'https://cdn.example.com/ann.png',
          memberType: 'webclient',
          tags: ['sales', 'de'],
        },
        { id: expect.any(String), userId: expect.any(String), botId: null, email: invitee, alias: 'New person', avatarUrl: null, memberType: 'webclient', tags: [] },
      ],
      createdAt: expect.stringMatching(ISO_TIMESTAMP),
      updatedAt: expect.stringMatching(ISO_TIMESTAMP),
    });
    // Stored as answered, and readable back.
    expect((await get(widget.id)).json()).toStrictEqual({ widget });
  });

  it('applies defaults to what the body leaves out', async () => {
    const response = await post({ name: 'Minimal' }, bearer(tenant.apiKey));
    expect(response.statusCode).toBe(201);
    expect(response.json().widget).toMatchObject({
      name: 'Minimal',
      destinationEmail: null,
      emailRequired: false,
      messageRequired: false,
      proactiveEnabled: false,
      conversationsEnabled: true,
      schedule: null,
      allowedDomains: [],
      blockedIps: [],
      members: [],
    });
  });

  it('makes a new member e-mail an invited agent without a password', async () => {
    const invitee = newEmail('invited');
    expect((await post({ name: 'Invites', members: [{ email: invitee, alias: 'Invited' }] })).statusCode).toBe(201);
    const { users } = (await call(t.app, 'GET', '/users', { credentials: admin })).json();
    expect(users.find((u: { email: string }) => u.email === invitee)).toMatchObject({ role: 'agent', hasPassword: false, name: 'Invited' });
  });

  it('rejects a missing name', async () => {
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => post({ emailRequired: true }), {
      status: 400,
      code: 'invalid',
      field: 'name',
      message: 'name is required',
    });
  });
});

/** Invalid settings, refused the same way by create and update. [case, body, field, message] */
const BAD_SETTINGS: Array<[string, Record<string, unknown>, string, string]> = [
  ['a numeric name', { name: 42 }, 'name', 'name must be of type string'],
  ['an empty name', { name: '' }, 'name', 'name must not be empty'],
  ['a blank name', { name: '   ' }, 'name', 'name must not be empty'],
  ['a 201-character name', { name: 'n'.repeat(201) }, 'name', 'name must be shorter than 201 characters'],
  ['a destination that is not an e-mail', { destinationEmail: 'nope' }, 'destinationEmail', 'destinationEmail must be a valid email'],
  ['a text flag', { emailRequired: 'yes' }, 'emailRequired', 'emailRequired must be of type boolean'],
  ['a schedule without ranges', { schedule: { timeZone: 'UTC' } }, 'schedule.ranges', 'schedule.ranges is required'],
  ['weekday 7', { schedule: { timeZone: 'UTC', ranges: [{ ...SCHEDULE.ranges[0], weekday: 7 }] } }, 'schedule.ranges[0].weekday', 'schedule.ranges[0].weekday must be at most 6'],
  ['minute 1441', { schedule: { timeZone: 'UTC', ranges: [{ ...SCHEDULE.ranges[0], startMinute: 1441 }] } }, 'schedule.ranges[0].startMinute', 'schedule.ranges[0].startMinute must be at most 1440'],
  ['a fractional minute', { schedule: { timeZone: 'UTC', ranges: [{ ...SCHEDULE.ranges[0], endMinute: 60.5 }] } }, 'schedule.ranges[0].endMinute', 'schedule.ranges[0].endMinute must be of type integer'],
  ['an empty range', { schedule: { timeZone: 'UTC', ranges: [{ ...SCHEDULE.ranges[0], startMinute: 60, endMinute: 60 }] } }, 'schedule.ranges[0]', 'schedule.ranges[0] starts and ends at the same time'],
  ['an unknown time zone', { schedule: { timeZone: 'Mars/Olympus', ranges: [] } }, 'schedule.timeZone', 'schedule.timeZone must be a known IANA time zone, got "Mars/Olympus"'],
  ['a URL as allowed domain', { allowedDomains: ['https://shop.example.com/'] }, 'allowedDomains[0]', 'allowedDomains[0] has an invalid format'],
  ['a blocked IP that is not one', { blockedIps: ['localhost'] }, 'blockedIps[0]', 'blockedIps[0] has an invalid format'],
  ['a member without alias', { members: [{ userId: 'x' }] }, 'members[0].alias', 'members[0].alias is required'],
  ['a member naming nobody', { members: [{ alias: 'A' }] }, 'members[0]', 'members[0] must name exactly one of userId, email or botId'],
  ['a member naming two targets', { members: [{ email: 'a@example.com', userId: 'x', alias: 'A' }] }, 'members[0]', 'members[0] must name exactly one of userId, email or botId'],
  ['a member with a bad e-mail', { members: [{ email: 'a@', alias: 'A' }] }, 'members[0].email', 'members[0].email must be a valid email'],
  ['a member avatar that is not http(s)', { members: [{ email: 'a@example.com', alias: 'A', avatarUrl: 'javascript:alert(1)' }] }, 'members[0].avatarUrl', 'members[0].avatarUrl has an invalid format'],
  ['an unknown member user id', { members: [{ userId: UNKNOWN_IDS[0], alias: 'A' }] }, 'members[0]', 'members[0] names an unknown user'],
  ['a malformed member user id', { members: [{ userId: 'nope', alias: 'A' }] }, 'members[0]', 'members[0] names an unknown user'],
  ['an unknown bot', { members: [{ botId: UNKNOWN_IDS[0], alias: 'A' }] }, 'members[0]', 'members[0] names an unknown bot'],
  ['an unknown property', { vendorData: { x: {} } }, 'body', 'body has an unknown property "vendorData"'],
  ['an unknown schedule property', { schedule: { ...SCHEDULE, days: [] } }, 'schedule', 'schedule has an unknown property "days"'],
];

/** Each route's sender, made ready before the state snapshot (PATCH needs its target widget first). */
const SENDERS: Array<[string, () => Promise<(body: Record<string, unknown>) => ReturnType<typeof post>>]> = [
  ['POST /widgets', async () => (body) => post({ name: 'Valid', ...body })],
  ['PATCH /widgets/:id', async () => {
    const { id } = await newWidget();
    return (body) => patch(id, body);
  }],
];

describe.each(SENDERS)('%s refuses bad input with a 400 naming the field, and changes nothing', (_route, prepare) => {
  it.each(BAD_SETTINGS)('%s', async (_case, body, field, message) => {
    const send = await prepare();
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send(body), { status: 400, code: 'invalid', field, message });
  });

  it('a member who belongs to another organization, by id or by e-mail', async () => {
    const send = await prepare();
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send({ members: [{ userId: otherAgent.user.id, alias: 'A' }] }), {
      status: 400,
      code: 'invalid',
      field: 'members[0]',
      message: 'members[0] names an unknown user',
    });
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send({ members: [{ email: otherAgent.email, alias: 'A' }] }), {
      status: 400,
      code: 'invalid',
      field: 'members[0]',
      message: `members[0] e-mail ${otherAgent.email} cannot be used`,
    });
  });

  it('the same member twice, without inviting the new e-mail listed before the error', async () => {
    const send = await prepare();
    const members = [{ email: newEmail('rolled-back'), alias: 'New' }, { userId: agent.user.id, alias: 'A' }, { userId: agent.user.id, alias: 'B' }];
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => send({ members }), {
      status: 400,
      code: 'invalid',
      field: 'members[2]',
      message: 'members[2] appears more than once',
    });
  });
});

describe('GET /widgets', () => {
  it('lists the organization’s widgets and nothing of other organizations', async () => {
    const mine = await newWidget();
    const theirs = await newWidget(other.organizationId);
    const response = await call(t.app, 'GET', '/widgets', { credentials: admin });
    expect(response.statusCode).toBe(200);
    const ids = response.json().widgets.map((w: { id: string }) => w.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(response.json().widgets.every((w: { organizationId: string }) => w.organizationId === tenant.organizationId)).toBe(true);
  });
});

describe('PATCH /widgets/:id', () => {
  it('changes only the fields sent, replaces members when sent, and bumps updatedAt', async () => {
    const created = (await post({ name: 'Before', proactiveEnabled: true, schedule: SCHEDULE, members: [{ userId: agent.user.id, alias: 'Ann' }] })).json().widget;

    const renamed = await patch(created.id, { name: 'After' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().widget).toStrictEqual({ ...created, name: 'After', updatedAt: expect.stringMatching(ISO_TIMESTAMP) });
    expect(renamed.json().widget.updatedAt > created.updatedAt).toBe(true);

    const cleared = await patch(created.id, { schedule: null, members: [] });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().widget).toMatchObject({ name: 'After', proactiveEnabled: true, schedule: null, members: [] });
    expect((await get(created.id)).json().widget).toMatchObject({ schedule: null, members: [] });
  });
});

describe('DELETE /widgets/:id', () => {
  it('answers 204, after which the widget is gone from reads, writes and the list', async () => {
    const { id } = await newWidget();
    const response = await del(id);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const gone = { status: 404, code: 'not_found', message: 'widget not found' };
    expectError(await get(id), gone);
    expectError(await patch(id, { name: 'Zombie' }), gone);
    expectError(await del(id), gone);
    const { widgets } = (await call(t.app, 'GET', '/widgets', { credentials: admin })).json();
    expect(widgets.map((w: { id: string }) => w.id)).not.toContain(id);
  });
});

describe('ids that name no widget of the caller’s organization', () => {
  const NOT_FOUND = { status: 404, code: 'not_found', message: 'widget not found' };

  it.each(UNKNOWN_IDS)('%s is a 404 for GET, PATCH and DELETE', async (id) => {
    expectError(await get(id), NOT_FOUND);
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => patch(id, { name: 'X' }), NOT_FOUND);
    await expectRejectedWithoutChange(t.core, tenant.organizationId, () => del(id), NOT_FOUND);
  });

  it('another organization’s widget is a 404 too, and stays untouched', async () => {
    const theirs = await newWidget(other.organizationId);
    expectError(await get(theirs.id), NOT_FOUND);
    expectError(await patch(theirs.id, { name: 'Hijacked' }), NOT_FOUND);
    expectError(await del(theirs.id), NOT_FOUND);
    // Also with the caller's API key rather than a session.
    expectError(await get(theirs.id, bearer(tenant.apiKey)), NOT_FOUND);
    expect(await getWidget(t.core, other.organizationId, theirs.id)).toStrictEqual(theirs);
  });
});
