import { beforeAll, describe, expect, it } from 'vitest';
import { deleteUser } from '../../../core/commands/delete-user.ts';
import { getConversationByNumber } from '../../../core/queries/conversation-lookup.ts';
import { createAgent, storedEvents } from '../../../test/factories.ts';
import { chatwootFormat } from '../outbound/format.ts';
import { type ChatwootAccount, ISO_MS, NOT_ALLOWED, NOT_FOUND, useChatwootAccounts } from './b-account-kit.ts';

const { t, tenant, other, accounts, call, otherCall } = useChatwootAccounts();
let account: ChatwootAccount;
let otherAccount: ChatwootAccount;
beforeAll(() => ({ account, other: otherAccount } = accounts));

const TEAM_KEYS = ['id', 'name', 'description', 'allow_auto_assign', 'account_id', 'is_member'];
const AGENT_KEYS = ['id', 'account_id', 'availability_status', 'auto_offline', 'confirmed', 'email', 'provider', 'available_name', 'custom_attributes', 'name', 'role', 'thumbnail'];

function expectInvalid(response: { status: number; body: unknown }, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body).toEqual({ message: expect.stringContaining(field), attributes: [field] });
}

let teamCounter = 0;
const newName = (stem = 'Support') => `${stem} ${++teamCounter}`;

async function newTeam(fields: Record<string, unknown> = {}) {
  const { status, body } = await call('POST', '/teams', { body: { name: newName(), ...fields } });
  expect(status).toBe(200);
  return body as { id: number; name: string };
}

/** A team id the other account has and ours does not (ids count per account): it creates teams until one is beyond our highest. */
async function foreignTeamId(): Promise<number> {
  const ours = ((await call('GET', '/teams')).body as Array<{ id: number }>).map((team) => team.id);
  for (;;) {
    const id = (await otherCall('POST', '/teams', { body: { name: newName('foreign') } })).body.id as number;
    if (id > Math.max(0, ...ours)) return id;
  }
}

let contactCounter = 0;
/** A conversation of the API inbox, started as a backend starts one: contact with a source_id, then the conversation. */
async function newConversation(extra: Record<string, unknown> = {}) {
  const contact = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: `Caller ${++contactCounter}` } });
  const { status, body } = await call('POST', '/conversations', { body: { source_id: contact.body.payload.contact_inbox.source_id, message: { content: 'Hi' }, ...extra } });
  expect(status, JSON.stringify(body)).toBe(200);
  return body as { id: number; meta: Record<string, unknown> };
}

describe('teams', () => {
  it('an administrator creates one: the team as Chatwoot renders it, the name lower-cased as its model does', async () => {
    const name = newName('Tier Two');
    const { status, body } = await call('POST', '/teams', { body: { name, description: 'Escalations' } });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(TEAM_KEYS);
    expect(body).toEqual({ id: expect.any(Number), name: name.toLowerCase(), description: 'Escalations', allow_auto_assign: true, account_id: account.accountId, is_member: false });
    expect(Number.isInteger(body.id)).toBe(true);
  });

  it('takes `team`-wrapped and urlencoded bodies with string flags', async () => {
    const wrapped = await call('POST', '/teams', { body: { team: { name: newName(), allow_auto_assign: false } } });
    expect(wrapped.body).toMatchObject({ allow_auto_assign: false, description: null });
    const name = newName('formteam');
    const form = await call('POST', '/teams', { raw: { payload: `team[name]=${encodeURIComponent(name)}&team[allow_auto_assign]=false`, contentType: 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ name, allow_auto_assign: false });
  });

  it('lists a bare array in creation order and shows one, to agents too', async () => {
    const first = await newTeam();
    const second = await newTeam();
    const listed = await call('GET', '/teams', { token: account.agentToken });
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.body)).toBe(true);
    const ids = (listed.body as Array<{ id: number }>).map((team) => team.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(listed.body).toContainEqual({ ...first, is_member: false });
    expect(await call('GET', `/teams/${second.id}`, { token: account.agentToken })).toEqual({ status: 200, body: second });
  });

  it('refuses what does not validate with 422 naming the field; names are unique whatever their case', async () => {
    expectInvalid(await call('POST', '/teams', { body: { description: 'nameless' } }), 'name');
    expectInvalid(await call('POST', '/teams', { body: { name: '  ' } }), 'name');
    expectInvalid(await call('POST', '/teams', { body: { name: newName(), allow_auto_assign: 'sometimes' } }), 'allow_auto_assign');
    const team = await newTeam();
    const taken = await call('POST', '/teams', { body: { name: team.name.toUpperCase() } });
    expectInvalid(taken, 'name');
    expect(taken.body.message).toBe('name has already been taken');
    expect((await otherCall('POST', '/teams', { body: { name: team.name } })).status).toBe(200);
  });

  it('updates with PATCH and PUT, deletes with an empty 200', async () => {
    const team = await newTeam({ description: 'before' });
    const patched = await call('PATCH', `/teams/${team.id}`, { body: { allow_auto_assign: false } });
    expect(patched).toEqual({ status: 200, body: { ...team, allow_auto_assign: false } });
    const name = newName('Renamed');
    const put = await call('PUT', `/teams/${team.id}`, { body: { team: { name, description: null } } });
    expect(put).toEqual({ status: 200, body: { ...patched.body, name: name.toLowerCase(), description: null } });
    const another = await newTeam();
    expectInvalid(await call('PATCH', `/teams/${another.id}`, { body: { name } }), 'name');
    expect(await call('DELETE', `/teams/${team.id}`)).toEqual({ status: 200, body: undefined });
    expect(await call('GET', `/teams/${team.id}`)).toEqual(NOT_FOUND);
  });

  it('lets agents read and not change: 401, nothing changed', async () => {
    const team = await newTeam();
    expect(await call('POST', '/teams', { token: account.agentToken, body: { name: newName() } })).toEqual(NOT_ALLOWED);
    expect(await call('PATCH', `/teams/${team.id}`, { token: account.agentToken, body: { name: newName() } })).toEqual(NOT_ALLOWED);
    expect(await call('DELETE', `/teams/${team.id}`, { token: account.agentToken })).toEqual(NOT_ALLOWED);
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      expect(await call(method, `/teams/${team.id}/team_members`, { token: account.agentToken, body: { user_ids: [account.agent.publicId] } }), method).toEqual(NOT_ALLOWED);
    }
    expect((await call('GET', `/teams/${team.id}`)).body).toEqual(team);
    expect(await call('GET', `/teams/${team.id}/team_members`, { token: account.agentToken })).toEqual({ status: 200, body: [] });
  });

  it("answers 404 for unknown ids and another account's teams", async () => {
    for (const id of [await foreignTeamId(), 999999, 'abc']) {
      expect(await call('GET', `/teams/${id}`), String(id)).toEqual(NOT_FOUND);
      expect(await call('PATCH', `/teams/${id}`, { body: { name: newName() } }), String(id)).toEqual(NOT_FOUND);
      expect(await call('DELETE', `/teams/${id}`), String(id)).toEqual(NOT_FOUND);
      expect(await call('GET', `/teams/${id}/team_members`), String(id)).toEqual(NOT_FOUND);
      expect(await call('POST', `/teams/${id}/team_members`, { body: { user_ids: [account.agent.publicId] } }), String(id)).toEqual(NOT_FOUND);
    }
  });

  it('needs a token of a member of the account', async () => {
    expect(await call('GET', '/teams', { token: null })).toEqual({ status: 401, body: { error: 'Invalid Access Token' } });
    expect((await call('GET', '/teams', { token: 'sbt_wrong' })).status).toBe(401);
    expect((await call('GET', '/teams', { accountId: otherAccount.accountId })).status).toBe(401);
  });
});

describe('team members', () => {
  it('adds (POST: the people named), lists, replaces (PATCH: the whole team) and removes (DELETE) agents', async () => {
    const team = await newTeam();
    const second = await createAgent(t.core, tenant.organizationId);
    const added = await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: [account.agent.publicId] } });
    expect(added.status).toBe(200);
    expect(added.body).toHaveLength(1);
    expect(Object.keys(added.body[0])).toEqual(AGENT_KEYS);
    expect(added.body[0]).toMatchObject({ id: account.agent.publicId, account_id: account.accountId, email: account.agent.email, role: 'agent' });
    // Adding someone already in it changes nothing; form bodies send `user_ids[]`.
    const form = await call('POST', `/teams/${team.id}/team_members`, { raw: { payload: `user_ids[]=${second.publicId}&user_ids[]=${account.agent.publicId}`, contentType: 'application/x-www-form-urlencoded' } });
    expect((form.body as Array<{ id: number }>).map((agent) => agent.id)).toEqual([second.publicId, account.agent.publicId]);
    const members = await call('GET', `/teams/${team.id}/team_members`);
    expect((members.body as Array<{ id: number }>).map((agent) => agent.id)).toEqual([account.agent.publicId, second.publicId]);

    // The agent now sees themselves in it.
    expect((await call('GET', `/teams/${team.id}`, { token: account.agentToken })).body.is_member).toBe(true);
    expect(((await call('GET', '/teams', { token: account.agentToken })).body as Array<{ id: number; is_member: boolean }>).find((x) => x.id === team.id)?.is_member).toBe(true);
    expect((await call('GET', `/teams/${team.id}`)).body.is_member).toBe(false);

    const replaced = await call('PATCH', `/teams/${team.id}/team_members`, { body: { user_ids: [second.publicId, account.admin.publicId] } });
    expect((replaced.body as Array<{ id: number }>).map((agent) => agent.id)).toEqual([second.publicId, account.admin.publicId]);
    expect(((await call('GET', `/teams/${team.id}/team_members`)).body as Array<{ id: number }>).map((agent) => agent.id).sort()).toEqual([second.publicId, account.admin.publicId].sort());

    expect(await call('DELETE', `/teams/${team.id}/team_members`, { body: { user_ids: [second.publicId] } })).toEqual({ status: 200, body: undefined });
    expect(((await call('GET', `/teams/${team.id}/team_members`)).body as Array<{ id: number }>).map((agent) => agent.id)).toEqual([account.admin.publicId]);
  });

  it("refuses ids that name nobody of the account, another account's people too (422 on user_ids, nothing changed), and a missing list", async () => {
    const team = await newTeam();
    expectInvalid(await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: [account.agent.publicId, 999999] } }), 'user_ids');
    const ours = ((await call('GET', '/agents')).body as Array<{ id: number }>).map((agent) => agent.id);
    let foreign = otherAccount.agent;
    while (foreign.publicId <= Math.max(...ours)) foreign = await createAgent(t.core, other.organizationId);
    expectInvalid(await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: [foreign.publicId] } }), 'user_ids');
    expectInvalid(await call('PATCH', `/teams/${team.id}/team_members`, { body: {} }), 'user_ids');
    expectInvalid(await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: ['x'] } }), 'user_ids[0]');
    expect(await call('GET', `/teams/${team.id}/team_members`)).toEqual({ status: 200, body: [] });
  });

  it('a deleted user leaves their teams', async () => {
    const team = await newTeam();
    const leaving = await createAgent(t.core, tenant.organizationId);
    await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: [leaving.publicId, account.agent.publicId] } });
    await deleteUser(t.core, tenant.organizationId, leaving.id);
    expect(((await call('GET', `/teams/${team.id}/team_members`)).body as Array<{ id: number }>).map((agent) => agent.id)).toEqual([account.agent.publicId]);
  });
});

describe("a conversation's team", () => {
  it('POST /assignments with team_id hands it to the team: the raw team row, meta.team, a conversation.updated event', async () => {
    const team = await newTeam({ description: 'Refunds' });
    await call('POST', `/teams/${team.id}/team_members`, { body: { user_ids: [account.agent.publicId] } });
    const conversation = await newConversation();
    expect(conversation.meta).not.toHaveProperty('team');

    const assigned = await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: team.id } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({
      id: team.id,
      name: team.name,
      description: 'Refunds',
      allow_auto_assign: true,
      account_id: account.accountId,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
    });
    const internal = (await getConversationByNumber(t.core, tenant.organizationId, conversation.id))!;
    const events = (await storedEvents(t.core, tenant.organizationId)).filter((e) => e.type === 'conversation.updated' && e.conversationId === internal.id);
    expect(events.map((e) => e.payload)).toEqual([{ conversationId: internal.id, changes: ['team'] }]);

    // The REST conversation shows the team with the caller's membership; the assignee is unchanged.
    const shown = await call('GET', `/conversations/${conversation.id}`, { token: account.agentToken });
    expect(shown.body.meta.team).toEqual({ id: team.id, name: team.name, description: 'Refunds', allow_auto_assign: true, account_id: account.accountId, is_member: true });
    expect(shown.body.meta.assignee).toEqual(conversation.meta.assignee);
    expect((await call('GET', `/conversations/${conversation.id}`)).body.meta.team.is_member).toBe(false);
    // The webhook is conversation_updated with Chatwoot's `team_id` change and Team#push_event_data in meta.
    const built = await chatwootFormat.build({ core: t.core, event: events[0]!, target: { organizationId: tenant.organizationId, widgetId: null }, deliveryId: 'd1', publicUrl: 'http://localhost' });
    const webhook = JSON.parse(built!.body);
    expect(webhook).toMatchObject({ event: 'conversation_updated', id: conversation.id, changed_attributes: [{ team_id: { current_value: team.id } }] });
    expect(webhook.meta.team).toEqual({ id: team.id, name: team.name });

    // The same team again changes nothing and emits nothing.
    await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: String(team.id) } });
    expect((await storedEvents(t.core, tenant.organizationId)).filter((e) => e.type === 'conversation.updated' && e.conversationId === internal.id)).toHaveLength(1);
  });

  it('team_id 0, "" or null takes the team away (answer null); an unknown or foreign team is 404', async () => {
    const team = await newTeam();
    const conversation = await newConversation({ team_id: team.id });
    expect(conversation.meta.team).toMatchObject({ id: team.id });
    for (const none of [0, '', null]) {
      await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: team.id } });
      const cleared = await t.app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${account.accountId}/conversations/${conversation.id}/assignments`,
        headers: { api_access_token: account.adminToken },
        payload: { team_id: none },
      });
      expect(cleared.statusCode, String(none)).toBe(200);
      expect(cleared.body).toBe('null');
      expect((await call('GET', `/conversations/${conversation.id}`)).body.meta).not.toHaveProperty('team');
    }
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: await foreignTeamId() } })).toEqual(NOT_FOUND);
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: 999999 } })).toEqual(NOT_FOUND);
    // Starting a conversation with an unknown team starts nothing.
    const contact = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: 'Teamless' } });
    expect(await call('POST', '/conversations', { body: { source_id: contact.body.payload.contact_inbox.source_id, team_id: 999999 } })).toEqual(NOT_FOUND);
    expect((await call('GET', `/contacts/${contact.body.payload.contact.id}/conversations`)).body).toEqual({ payload: [] });
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { team_id: { id: team.id } } })).toMatchObject({ status: 422 });
  });

  it('GET /conversations?team_id= lists only that team\'s conversations (and the counts follow); an unknown team finds nothing', async () => {
    const team = await newTeam();
    const inTeam = await newConversation({ team_id: team.id });
    const elsewhere = await newConversation();
    const listed = await call('GET', `/conversations?team_id=${team.id}&status=all`);
    expect(listed.status).toBe(200);
    expect((listed.body.data.payload as Array<{ id: number }>).map((c) => c.id)).toEqual([inTeam.id]);
    expect(listed.body.data.meta.all_count).toBe(1);
    expect((await call('GET', `/conversations?team_id=${team.id}&status=all`)).body.data.payload.some((c: { id: number }) => c.id === elsewhere.id)).toBe(false);
    expect((await call('GET', '/conversations?team_id=999999&status=all')).body.data).toMatchObject({ payload: [], meta: { all_count: 0 } });
    expect((await call('GET', `/conversations/meta?team_id=${team.id}&status=all`)).body.meta.all_count).toBe(1);

    // Deleting the team lets go of its conversations.
    await call('DELETE', `/teams/${team.id}`);
    expect((await call('GET', `/conversations/${inTeam.id}`)).body.meta).not.toHaveProperty('team');
  });
});
