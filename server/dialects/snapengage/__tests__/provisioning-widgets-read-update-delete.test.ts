import { describe, expect, it } from 'vitest';
import { error, ok } from './provisioning-client.ts';
import { agent, emailOfLength, expectedWidget, UNKNOWN_UUIDS, useWidgetProvisioning } from './provisioning-widgets-kit.ts';

/** SnapEngage Provisioning API, existing widgets: GET/POST/DELETE /api/v1/widget.json?api_key=… */

const { accounts, send, post, get, del, getUser, createAccount, widgetBody, createWidget, ownerAnswer } = useWidgetProvisioning();

// ---------------------------------------------------------------- read

describe('GET /api/v1/widget.json', () => {
  it.each(UNKNOWN_UUIDS)('answers 404 for %s', async (_, uuid) => {
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
    expect(await post({ email: accounts.owner, uuid: created.uuid, agents: [replacement] })).toEqual(ok(expected));
    expect(await get(created.uuid)).toEqual(ok(expected));
  });

  it('clears the schedule with null and the destination e-mail with ""', async () => {
    const created = await createWidget();
    const update = { email: accounts.owner, uuid: created.uuid, agents: created.agents, conversationSchedule: null, destinationEmail: '' };
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

  it.each(UNKNOWN_UUIDS)('answers 404 for %s', async (_, uuid) => {
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
    expect(await del(created.uuid, accounts.owner.toUpperCase())).toEqual({ status: 200, body: '' });
    expect(await get(created.uuid)).toEqual(gone);
    expect(await post(widgetBody({ uuid: created.uuid }))).toEqual(gone);
    expect(await del(created.uuid)).toEqual(gone);
  });

  it('/api/v1/user.json?uuid=&email= (the path the reference’s text shows) deletes the widget, not the user', async () => {
    const created = await createWidget();
    expect(await send('DELETE', 'user', { uuid: created.uuid, email: accounts.owner })).toEqual({ status: 200, body: '' });
    expect(await get(created.uuid)).toEqual(error(404, `no widget with uuid ${created.uuid}`));
    expect(await getUser(accounts.owner)).toEqual(ownerAnswer());
  });

  it.each(UNKNOWN_UUIDS)('answers 404 for %s', async (_, uuid) => {
    const id = uuid();
    expect(await del(id)).toEqual(error(404, `no widget with uuid ${id}`));
    expect(await send('DELETE', 'user', { uuid: id, email: accounts.owner })).toEqual(error(404, `no widget with uuid ${id}`));
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
