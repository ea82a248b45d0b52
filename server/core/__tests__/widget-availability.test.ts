import { describe, expect, it } from 'vitest';
import { createAgent, createWidgetWith, insertBot, insertConversations } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { deleteWidget } from '../commands/delete-widget.ts';
import { setAgentPresence } from '../commands/set-agent-presence.ts';
import { updateUser } from '../commands/update-user.ts';
import { getWidgetAvailability, listAvailableMembers } from '../queries/widget-availability.ts';

/** getWidgetAvailability and listAvailableMembers against the database: members, presence, load, schedule. */

const { t, tenant, other } = useTestApp({ tenants: 2 });

const org = () => tenant.organizationId;
const onlineOf = async (widgetId: string, at?: Date) => (await getWidgetAvailability(t.core, widgetId, at))?.online;
const openChats = (widgetId: string, userId: string, count: number) =>
  insertConversations(t.core, { organizationId: org(), widgetId, assignee: { type: 'user', id: userId }, status: 'open', count });

describe('getWidgetAvailability', () => {
  it('answers the widget and online: true when an agent is online', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }], { emailRequired: true });
    const availability = await getWidgetAvailability(t.core, widget.id);
    expect(availability).toMatchObject({ online: true, widget: { id: widget.id, organizationId: org(), emailRequired: true } });
  });

  it.each(['pause', 'offline'] as const)('is offline when the only agent is %s', async (presence) => {
    const agent = await createAgent(t.core, org(), { presence });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('follows the agent going online and pausing', async () => {
    const agent = await createAgent(t.core, org());
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    await setAgentPresence(t.core, org(), agent.id, 'online');
    expect(await onlineOf(widget.id)).toBe(true);
    await setAgentPresence(t.core, org(), agent.id, 'pause', 'Lunch');
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('is offline without members', async () => {
    const widget = await createWidgetWith(t.core, org(), []);
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('is offline when the online agent has been disabled since', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    await updateUser(t.core, org(), agent.id, { disabled: true });
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('is offline when the agent has as many open chats as allowed, online again one below', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 2 });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    await openChats(widget.id, agent.id, 1);
    expect(await onlineOf(widget.id)).toBe(true);
    await openChats(widget.id, agent.id, 1);
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('counts the agent’s open chats of every widget, not only this one', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 1 });
    const elsewhere = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    await openChats(elsewhere.id, agent.id, 1);
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('does not count queued or closed chats, nor open chats of someone else', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 1 });
    const colleague = await createAgent(t.core, org());
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    const assignee = { type: 'user', id: agent.id } as const;
    await insertConversations(t.core, { organizationId: org(), widgetId: widget.id, assignee, status: 'queued', count: 2 });
    await insertConversations(t.core, { organizationId: org(), widgetId: widget.id, assignee, status: 'closed', count: 2 });
    await insertConversations(t.core, { organizationId: org(), widgetId: widget.id, assignee: null, status: 'open' });
    await openChats(widget.id, colleague.id, 3);
    expect(await onlineOf(widget.id)).toBe(true);
  });

  it('is online with an online bot member and no agent, offline when the bot is offline', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'pause' });
    const onlineBot = await insertBot(t.core, org(), 'online');
    const offlineBot = await insertBot(t.core, org(), 'offline');
    const staffed = await createWidgetWith(t.core, org(), [{ userId: agent.id }, { botId: onlineBot }]);
    const unstaffed = await createWidgetWith(t.core, org(), [{ userId: agent.id }, { botId: offlineBot }]);
    expect(await onlineOf(staffed.id)).toBe(true);
    expect(await onlineOf(unstaffed.id)).toBe(false);
  });

  it('is offline when conversations are disabled, whoever is online', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }, { botId: await insertBot(t.core, org()) }], {
      conversationsEnabled: false,
    });
    expect(await onlineOf(widget.id)).toBe(false);
  });

  it('follows the stored schedule in its time zone (Europe/Berlin, Monday 09:00-17:00)', async () => {
    const agent = await createAgent(t.core, org(), { presence: 'online' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }], {
      schedule: { timeZone: 'Europe/Berlin', ranges: [{ weekday: 0, enabled: true, startMinute: 9 * 60, endMinute: 17 * 60 }] },
    });
    expect(await onlineOf(widget.id, new Date('2026-01-05T07:59:00Z'))).toBe(false);
    expect(await onlineOf(widget.id, new Date('2026-01-05T08:00:00Z'))).toBe(true);
    expect(await onlineOf(widget.id, new Date('2026-01-05T16:00:00Z'))).toBe(false);
  });

  it('finds a widget of any organization (the public endpoint has no credentials)', async () => {
    const agent = await createAgent(t.core, other.organizationId, { presence: 'online' });
    const widget = await createWidgetWith(t.core, other.organizationId, [{ userId: agent.id }]);
    expect(await getWidgetAvailability(t.core, widget.id)).toMatchObject({ online: true, widget: { organizationId: other.organizationId } });
  });

  it('does not know deleted, unknown or malformed widget ids', async () => {
    const widget = await createWidgetWith(t.core, org(), []);
    await deleteWidget(t.core, org(), widget.id);
    expect(await getWidgetAvailability(t.core, widget.id)).toBeUndefined();
    expect(await getWidgetAvailability(t.core, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await getWidgetAvailability(t.core, 'not-a-uuid')).toBeUndefined();
  });
});

describe('listAvailableMembers', () => {
  it('lists who can take a chat, fewest open chats first, ties in member order', async () => {
    const busy = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 5 });
    const idle = await createAgent(t.core, org(), { presence: 'online' });
    const paused = await createAgent(t.core, org(), { presence: 'pause' });
    const full = await createAgent(t.core, org(), { presence: 'online', maxConcurrentChats: 1 });
    const disabled = await createAgent(t.core, org(), { presence: 'online', disabled: true });
    const botId = await insertBot(t.core, org());
    const widget = await createWidgetWith(t.core, org(), [busy, paused, full, disabled, { botId }, idle].map((m) => ('id' in m ? { userId: m.id } : m)));
    await openChats(widget.id, busy.id, 2);
    await openChats(widget.id, full.id, 1);
    await insertConversations(t.core, { organizationId: org(), widgetId: widget.id, assignee: { type: 'bot', id: botId }, status: 'open' });

    const members = await listAvailableMembers(t.core, widget.id);

    expect(members.map((m) => ({ kind: m.kind, id: m.kind === 'user' ? m.userId : m.botId, open: m.openConversations }))).toEqual([
      { kind: 'user', id: idle.id, open: 0 },
      { kind: 'bot', id: botId, open: 1 },
      { kind: 'user', id: busy.id, open: 2 },
    ]);
  });

  it('keeps the widget’s member order between equally busy members', async () => {
    const first = await createAgent(t.core, org(), { presence: 'online' });
    const second = await createAgent(t.core, org(), { presence: 'online' });
    const widget = await createWidgetWith(t.core, org(), [{ userId: second.id }, { userId: first.id }]);
    expect((await listAvailableMembers(t.core, widget.id)).map((m) => m.alias)).toEqual([second.name, first.name]);
    expect((await listAvailableMembers(t.core, widget.id)).map((m) => (m.kind === 'user' ? m.userId : null))).toEqual([second.id, first.id]);
  });

  it('is empty for an unknown or malformed widget id', async () => {
    expect(await listAvailableMembers(t.core, '00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await listAvailableMembers(t.core, 'nope')).toEqual([]);
  });
});
