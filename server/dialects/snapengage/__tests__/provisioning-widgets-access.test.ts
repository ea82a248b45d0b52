import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../test/test-app.ts';
import { error, ok, type Body, type Reply } from './provisioning-client.ts';
import { agent, useWidgetProvisioning } from './provisioning-widgets-kit.ts';

/** SnapEngage Provisioning API, widgets: who may call it (api_key and its scope) and what another organization can reach. */

/** The tests act as organization A; `other` is B, whose key must not reach A's widgets. */
const { t, other, accounts, send, put, post, get, del, getUser, widgetBody, createWidget, ownerAnswer, widgetCount } = useWidgetProvisioning();

// ---------------------------------------------------------------- authentication

describe('api_key', () => {
  let stored: Body & { uuid: string };
  beforeAll(async () => {
    stored = await createWidget({ name: 'Guarded Widget' });
  });

  const requests: Array<[string, (key: string | null) => Promise<Reply>]> = [
    ['PUT', (key) => put(widgetBody(), key)],
    ['GET', (key) => get(stored.uuid, accounts.owner, key)],
    ['POST', (key) => post(widgetBody({ uuid: stored.uuid, name: 'Hijacked' }), key)],
    ['DELETE', (key) => del(stored.uuid, accounts.owner, key)],
    ['DELETE user.json?uuid=', (key) => send('DELETE', 'user', { uuid: stored.uuid, email: accounts.owner }, undefined, key)],
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
    ['with A’s account e-mail', () => accounts.owner, () => `no user with email ${accounts.owner}`],
    ['with B’s own account e-mail', () => accounts.otherOwner, (uuid) => `no widget with uuid ${uuid}`],
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
    expect(await put(widgetBody(), other.apiKey)).toEqual(error(404, `no user with email ${accounts.owner}`));
    expect(await widgetCount()).toBe(before);
  });

  it('B cannot make A’s user an agent of its widget', async () => {
    const reply = await put(widgetBody({ email: accounts.otherOwner, agents: [agent({ agentId: accounts.owner })] }), other.apiKey);
    expect(reply).toEqual(error(400, `agents[0] e-mail ${accounts.owner} cannot be used`));
    expect(await getUser(accounts.owner)).toEqual(ownerAnswer());
  });

  it('A’s widget is unchanged afterwards', async () => {
    expect(await get(stored.uuid)).toEqual(ok(stored));
  });
});
