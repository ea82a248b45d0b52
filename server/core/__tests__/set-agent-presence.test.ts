import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordAgentConnection, registerNode } from '../../db/repositories/presence.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { createAgent, storedEvents } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { setAbsentAgentOffline, setAgentPresence } from '../commands/set-agent-presence.ts';
import type { StoredEvent } from '../events.ts';

/** setAgentPresence: the stored presence, the agent.status_changed event, and what it refuses. */

const { t, tenant, other } = useTestApp({ tenants: 2 });

/** Presence columns as stored; User deliberately exposes only `presence`. */
async function storedPresence(userId: string, organizationId = tenant.organizationId) {
  const row = await findUserById(t.core.db, organizationId, userId);
  return { presence: row!.presence, reason: row!.presenceReason, changedAt: row!.presenceChangedAt, updatedAt: row!.updatedAt };
}

async function statusEventsOf(userId: string, organizationId = tenant.organizationId) {
  return (await storedEvents(t.core, organizationId)).filter((e) => e.type === 'agent.status_changed' && e.userId === userId);
}

describe('setAgentPresence', () => {
  it('stores the new presence and emits agent.status_changed in the same commit', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    const before = await storedPresence(agent.id);
    const published: StoredEvent[] = [];
    const unsubscribe = t.core.bus.subscribe((event) => void published.push(event));

    const change = await setAgentPresence(t.core, tenant.organizationId, agent.id, 'online');
    unsubscribe();

    expect(change).toEqual({ userId: agent.id, status: 'online', subStatus: null, previous: 'offline', changed: true });
    const after = await storedPresence(agent.id);
    expect(after).toMatchObject({ presence: 'online', reason: null, updatedAt: before.updatedAt });
    expect(after.changedAt).toBeInstanceOf(Date);
    const events = await statusEventsOf(agent.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'agent.status_changed',
      organizationId: tenant.organizationId,
      userId: agent.id,
      payload: { userId: agent.id, email: agent.email, status: 'online', subStatus: null, previous: 'offline' },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(published.map((e) => e.id)).toContain(events[0]!.id);
  });

  it('stores a trimmed reason, and emits nothing when the same state is sent again', async () => {
    const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    const first = await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', '  Gone to lunch ');
    expect(first).toMatchObject({ status: 'pause', subStatus: 'Gone to lunch', previous: 'online', changed: true });
    const eventsAfterFirst = await statusEventsOf(agent.id);

    const again = await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'Gone to lunch');

    expect(again).toEqual({ userId: agent.id, status: 'pause', subStatus: 'Gone to lunch', previous: 'pause', changed: false });
    expect(await statusEventsOf(agent.id)).toEqual(eventsAfterFirst);
    expect(await storedPresence(agent.id)).toMatchObject({ presence: 'pause', reason: 'Gone to lunch' });
  });

  it('a new reason alone is a change (previous is the same status) but keeps presence_changed_at', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'Lunch');
    const pausedSince = (await storedPresence(agent.id)).changedAt;

    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'Meeting');

    expect(await storedPresence(agent.id)).toMatchObject({ presence: 'pause', reason: 'Meeting', changedAt: pausedSince });
    const events = await statusEventsOf(agent.id);
    expect(events.at(-1)!.payload).toEqual({ userId: agent.id, email: agent.email, status: 'pause', subStatus: 'Meeting', previous: 'pause' });
  });

  it('a status sent without a reason clears the previous reason', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'Lunch');
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'online');
    expect(await storedPresence(agent.id)).toMatchObject({ presence: 'online', reason: null });
  });

  it.each([null, '', '   '])('treats a blank reason (%j) as none', async (blank) => {
    const agent = await createAgent(t.core, tenant.organizationId);
    expect(await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', blank)).toMatchObject({ subStatus: null });
    expect(await storedPresence(agent.id)).toMatchObject({ presence: 'pause', reason: null });
  });

  it('can set an agent offline', async () => {
    const agent = await createAgent(t.core, tenant.organizationId, { presence: 'pause' });
    expect(await setAgentPresence(t.core, tenant.organizationId, agent.id, 'offline')).toMatchObject({ previous: 'pause', changed: true });
    expect((await storedPresence(agent.id)).presence).toBe('offline');
  });

  it('refuses a reason over 200 characters', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await expect(setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'x'.repeat(201))).rejects.toMatchObject({
      kind: 'invalid',
      field: 'subStatus',
    });
    expect(await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'x'.repeat(200))).toMatchObject({ changed: true });
  });

  it('refuses an unknown status from untyped callers', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await expect(setAgentPresence(t.core, tenant.organizationId, agent.id, 'away' as never)).rejects.toMatchObject({ kind: 'invalid', field: 'status' });
    expect((await storedPresence(agent.id)).presence).toBe('offline');
  });

  it('a disabled agent cannot go online, but can pause; nothing is emitted for the refusal', async () => {
    const agent = await createAgent(t.core, tenant.organizationId, { disabled: true });
    await expect(setAgentPresence(t.core, tenant.organizationId, agent.id, 'online')).rejects.toMatchObject({
      kind: 'invalid',
      field: 'status',
      message: 'a disabled agent cannot go online',
    });
    expect((await storedPresence(agent.id)).presence).toBe('offline');
    expect(await statusEventsOf(agent.id)).toEqual([]);
    expect(await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause')).toMatchObject({ changed: true });
  });

  it('does not find a user of another organization, and leaves them unchanged', async () => {
    const outsider = await createAgent(t.core, other.organizationId);
    await expect(setAgentPresence(t.core, tenant.organizationId, outsider.id, 'online')).rejects.toMatchObject({ kind: 'not_found' });
    expect((await storedPresence(outsider.id, other.organizationId)).presence).toBe('offline');
    expect(await statusEventsOf(outsider.id, other.organizationId)).toEqual([]);
  });

  it('treats a malformed user id as unknown', async () => {
    await expect(setAgentPresence(t.core, tenant.organizationId, 'not-a-uuid', 'online')).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('setAbsentAgentOffline', () => {
  /** An online agent with one console row on a fresh node: open, or closed just now. */
  async function agentWithConsole(open: boolean) {
    const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    const nodeId = randomUUID();
    await registerNode(t.core.db, nodeId);
    await recordAgentConnection(t.core.db, nodeId, agent.id, open);
    return agent;
  }
  const LONG = 60_000;

  it('sets offline an agent whose every console has been gone for the grace period, with the usual event', async () => {
    const agent = await agentWithConsole(false);
    const change = await setAbsentAgentOffline(t.core, tenant.organizationId, agent.id, { graceMs: 0, staleMs: LONG });
    expect(change).toEqual({ userId: agent.id, status: 'offline', subStatus: null, previous: 'online', changed: true });
    expect((await storedPresence(agent.id)).presence).toBe('offline');
    expect((await statusEventsOf(agent.id)).at(-1)!.payload).toEqual({ userId: agent.id, email: agent.email, status: 'offline', subStatus: null, previous: 'online' });
  });

  it('leaves an agent whose console is open on a beating node, or closed for less than the grace period', async () => {
    for (const agent of [await agentWithConsole(true), await agentWithConsole(false)]) {
      const events = await statusEventsOf(agent.id);
      expect(await setAbsentAgentOffline(t.core, tenant.organizationId, agent.id, { graceMs: LONG, staleMs: LONG })).toBeUndefined();
      expect((await storedPresence(agent.id)).presence).toBe('online');
      expect(await statusEventsOf(agent.id)).toEqual(events);
    }
  });

  it('counts an open console on a silent node as gone since that node last beat', async () => {
    const agent = await agentWithConsole(true);
    expect(await setAbsentAgentOffline(t.core, tenant.organizationId, agent.id, { graceMs: LONG, staleMs: 0 })).toBeUndefined();
    expect(await setAbsentAgentOffline(t.core, tenant.organizationId, agent.id, { graceMs: 0, staleMs: 0 })).toMatchObject({ status: 'offline', changed: true });
  });

  it('leaves an agent who never had a console (their status comes from an API) and a user of another organization', async () => {
    const apiOnly = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    expect(await setAbsentAgentOffline(t.core, tenant.organizationId, apiOnly.id, { graceMs: 0, staleMs: 0 })).toBeUndefined();
    expect((await storedPresence(apiOnly.id)).presence).toBe('online');
    const gone = await agentWithConsole(false);
    expect(await setAbsentAgentOffline(t.core, other.organizationId, gone.id, { graceMs: 0, staleMs: 0 })).toBeUndefined();
    expect((await storedPresence(gone.id)).presence).toBe('online');
  });
});
