import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../core/commands/create-api-key.ts';
import { revokeApiKey } from '../../../core/commands/revoke-api-key.ts';
import { getUser } from '../../../core/queries/users.ts';
import type { User } from '../../../core/types.ts';
import { createAgent, storedEvents } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { error, type Reply } from './provisioning-client.ts';

/** SnapEngage Agent Status API: POST /api/v2/agentstatus with `Authorization: <token>`. */

const { t, tenant, other } = useTestApp({ tenants: 2 });

const OK: Reply = { status: 200, body: { code: 200, message: 'OK' } };

/**
 * Posts `payload` (an object as JSON, a string verbatim) with `authorization` as the
 * whole header value: the tenant's raw key by default, none when null.
 */
async function post(payload: unknown, authorization: string | null = tenant.apiKey, contentType = 'application/json'): Promise<Reply> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v2/agentstatus',
    headers: { ...(authorization !== null && { authorization }), ...(contentType && { 'content-type': contentType }) },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: res.statusCode, body: res.body === '' ? '' : res.json() };
}

const presenceOf = async (user: User, organizationId = tenant.organizationId) => (await getUser(t.core, organizationId, user.id))!.presence;
const statusEventsOf = async (user: User, organizationId = tenant.organizationId) =>
  (await storedEvents(t.core, organizationId)).filter((e) => e.type === 'agent.status_changed' && e.userId === user.id);

describe('POST /api/v2/agentstatus sets an agent’s status', () => {
  it('pauses an agent with a reason: 200, stored, and an agent.status_changed event (the reference’s curl sample)', async () => {
    const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    expect(await post({ agent_id: agent.email, status: 'pause', sub_status: 'Gone to lunch' })).toEqual(OK);
    expect(await presenceOf(agent)).toBe('pause');
    const events = await statusEventsOf(agent);
    expect(events.at(-1)).toMatchObject({
      organizationId: tenant.organizationId,
      payload: { userId: agent.id, email: agent.email, status: 'pause', subStatus: 'Gone to lunch', previous: 'online' },
    });
  });

  it('sets an agent online without a sub_status', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await post({ agent_id: agent.email, status: 'online' })).toEqual(OK);
    expect(await presenceOf(agent)).toBe('online');
    expect((await statusEventsOf(agent)).map((e) => e.payload)).toEqual([
      { userId: agent.id, email: agent.email, status: 'online', subStatus: null, previous: 'offline' },
    ]);
  });

  it('accepts the reference’s Java sample body: sub_status and the null org/timestamp fields it serializes', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    const body = { agent_id: agent.email, status: 'online', sub_status: 'Totally ready to chat', org: null, timestamp: null };
    expect(await post(body)).toEqual(OK);
    expect((await statusEventsOf(agent)).at(-1)!.payload).toMatchObject({ status: 'online', subStatus: 'Totally ready to chat' });
  });

  it('accepts sub_status null', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await post({ agent_id: agent.email, status: 'pause', sub_status: null })).toEqual(OK);
    expect(await presenceOf(agent)).toBe('pause');
  });

  it.each([
    ['with the wc: prefix of outbound agent ids', (email: string) => `wc:${email}`],
    ['with the prefix in upper case', (email: string) => `WC:${email}`],
    ['in upper case', (email: string) => email.toUpperCase()],
  ])('finds the agent by an agent_id %s', async (_, agentId) => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await post({ agent_id: agentId(agent.email), status: 'online' })).toEqual(OK);
    expect(await presenceOf(agent)).toBe('online');
  });

  it('accepts `Bearer <token>` as well as the raw token', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await post({ agent_id: agent.email, status: 'pause' }, `Bearer ${tenant.apiKey}`)).toEqual(OK);
    expect(await presenceOf(agent)).toBe('pause');
  });

  it('reads the body as JSON whatever the Content-Type says', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await post({ agent_id: agent.email, status: 'pause' }, tenant.apiKey, 'application/x-www-form-urlencoded')).toEqual(OK);
    expect(await presenceOf(agent)).toBe('pause');
  });

  it('answers 200 to a repeated status without storing another event', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await post({ agent_id: agent.email, status: 'pause', sub_status: 'Lunch' });
    expect(await post({ agent_id: agent.email, status: 'pause', sub_status: 'Lunch' })).toEqual(OK);
    expect(await statusEventsOf(agent)).toHaveLength(1);
  });

  it('refuses to set a disabled agent online (400) but lets it pause', async () => {
    const agent = await createAgent(t.core, tenant.organizationId, { disabled: true });
    expect(await post({ agent_id: agent.email, status: 'online' })).toEqual(error(400, 'status: a disabled agent cannot go online'));
    expect(await presenceOf(agent)).toBe('offline');
    expect(await post({ agent_id: agent.email, status: 'pause' })).toEqual(OK);
  });
});

describe('POST /api/v2/agentstatus refuses bad input with 400 {code, message}', () => {
  let agent: User;
  beforeAll(async () => {
    agent = await createAgent(t.core, tenant.organizationId, { presence: 'pause' });
  });

  it.each<[string, () => unknown, string]>([
    ['agent_id missing', () => ({ status: 'online' }), 'agent_id is required'],
    ['agent_id empty', () => ({ agent_id: '', status: 'online' }), 'agent_id must not be empty'],
    ['agent_id not an e-mail', () => ({ agent_id: 'jimbo', status: 'online' }), 'agent_id must be a valid e-mail address'],
    ['agent_id only the prefix', () => ({ agent_id: 'wc:', status: 'online' }), 'agent_id must be a valid e-mail address'],
    ['agent_id a number', () => ({ agent_id: 42, status: 'online' }), 'agent_id must be of type string'],
    ['agent_id null', () => ({ agent_id: null, status: 'online' }), 'agent_id must be of type string'],
    ['agent_id over 256 characters', () => ({ agent_id: `${'a'.repeat(250)}@example.com`, status: 'online' }), 'agent_id must be shorter than 257 characters'],
    ['agent_id of nobody', () => ({ agent_id: 'nobody@example.com', status: 'online' }), 'agent_id nobody@example.com is not an agent of this account'],
    ['status missing', () => ({ agent_id: agent.email }), 'status is required'],
    ['status offline ("no mechanism to set the agent status to offline")', () => ({ agent_id: agent.email, status: 'offline' }), 'status must be one of: online, pause'],
    ['status unknown', () => ({ agent_id: agent.email, status: 'away' }), 'status must be one of: online, pause'],
    ['status in another case', () => ({ agent_id: agent.email, status: 'Online' }), 'status must be one of: online, pause'],
    ['status a boolean', () => ({ agent_id: agent.email, status: true }), 'status must be one of: online, pause'],
    ['sub_status a number', () => ({ agent_id: agent.email, status: 'online', sub_status: 5 }), 'sub_status must be of type string'],
    ['sub_status over 200 characters', () => ({ agent_id: agent.email, status: 'online', sub_status: 'x'.repeat(201) }), 'sub_status must be shorter than 201 characters'],
    ['a JSON array', () => [{ agent_id: agent.email, status: 'online' }], 'body must be of type object'],
    ['not JSON', () => 'agent_id=x&status=online', 'request body is not valid JSON'],
  ])('%s', async (_, payload, message) => {
    expect(await post(payload())).toEqual(error(400, message));
    expect(await presenceOf(agent)).toBe('pause');
  });

  it('an empty body', async () => {
    expect(await post('')).toEqual(error(400, 'request body must not be empty'));
  });

  it('an agent of another organization is unknown (400), and stays as it was', async () => {
    const outsider = await createAgent(t.core, other.organizationId);
    expect(await post({ agent_id: outsider.email, status: 'online' })).toEqual(
      error(400, `agent_id ${outsider.email} is not an agent of this account`),
    );
    expect(await presenceOf(outsider, other.organizationId)).toBe('offline');
    expect(await statusEventsOf(outsider, other.organizationId)).toEqual([]);
  });
});

describe('POST /api/v2/agentstatus authentication', () => {
  let agent: User;
  beforeAll(async () => {
    agent = await createAgent(t.core, tenant.organizationId);
  });
  const body = () => ({ agent_id: agent.email, status: 'online' });

  it('401 without an Authorization header', async () => {
    expect(await post(body(), null)).toEqual(error(401, 'Authorization token is required'));
  });

  it.each([
    ['an unknown token', `sbk_000000000000_${'A'.repeat(43)}`],
    ['a malformed token', 'letmein'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['"Bearer" alone', 'Bearer'],
  ])('401 with %s', async (_, authorization) => {
    expect(await post(body(), authorization)).toEqual(error(401, 'Authorization token is invalid or revoked'));
  });

  it('401 with a revoked key', async () => {
    const { apiKey, secret } = await createApiKey(t.core, tenant.organizationId, 'revoked', ['agent_status']);
    await revokeApiKey(t.core, tenant.organizationId, apiKey.id);
    expect(await post(body(), secret)).toEqual(error(401, 'Authorization token is invalid or revoked'));
  });

  it('401 when the key comes as ?api_key= instead of the header', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v2/agentstatus?api_key=${tenant.apiKey}`, payload: body() });
    expect({ status: res.statusCode, body: res.json() }).toEqual(error(401, 'Authorization token is required'));
  });

  it('403 with a key that lacks the agent_status scope', async () => {
    const { secret } = await createApiKey(t.core, tenant.organizationId, 'provisioning only', ['provisioning', 'chat']);
    expect(await post(body(), secret)).toEqual(error(403, 'Authorization token lacks the "agent_status" scope'));
  });

  it('checks the key before the body: no key and a bad body is 401', async () => {
    expect(await post({ status: 'offline' }, null)).toEqual(error(401, 'Authorization token is required'));
  });

  it('leaves the agent unchanged after every refused request', async () => {
    expect(await presenceOf(agent)).toBe('offline');
    expect(await statusEventsOf(agent)).toEqual([]);
  });

  it('accepts a key with only the agent_status scope', async () => {
    const { secret } = await createApiKey(t.core, tenant.organizationId, 'agent status', ['agent_status']);
    expect(await post(body(), secret)).toEqual(OK);
    expect(await presenceOf(agent)).toBe('online');
  });
});
