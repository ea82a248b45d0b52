import { describe, expect, it } from 'vitest';
import { acceptConversation } from '../accept-conversation.ts';
import { banVisitor } from '../ban-visitor.ts';
import { closeConversation } from '../close-conversation.ts';
import { labelConversation, unlabelConversation } from '../label-conversation.ts';
import { postAgentMessage, postVisitorMessage } from '../post-message.ts';
import { setAgentPresence } from '../set-agent-presence.ts';
import { startConversation } from '../start-conversation.ts';
import { transferConversation } from '../transfer-conversation.ts';
import { updateWidget } from '../update-widget.ts';
import { rateConversation } from '../visitor-activity.ts';
import { getConversation, getTranscript } from '../../queries/conversations.ts';
import type { User, Widget } from '../../types.ts';
import { DomainError } from '../../errors.ts';
import { createAgent, createWidgetWith, insertBot, insertConversations, storedEvents } from '../../../test/factories.ts';
import { createTenant, useTestApp } from '../../../test/test-app.ts';

const { t } = useTestApp();

/** A fresh organization with one widget answered by the given number of online agents. */
async function setup(agentCount = 1, settings = {}) {
  const tenant = await createTenant(t.core);
  const agents: User[] = [];
  for (let i = 0; i < agentCount; i++) agents.push(await createAgent(t.core, tenant.organizationId, { presence: 'online' }));
  const widget = await createWidgetWith(t.core, tenant.organizationId, agents.map((a) => ({ userId: a.id })), settings);
  return { tenant, agents, widget, org: tenant.organizationId };
}

const start = (org: string, widget: Widget, extra = {}) =>
  startConversation(t.core, org, { widgetId: widget.id, message: 'Hello, I need help', context: { ip: '203.0.113.7' }, ...extra });

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('starting a conversation', () => {
  it('stores it with the first message and assigns it to the online agent, emitting events in order', async () => {
    const { org, widget, agents } = await setup();
    const { conversation, firstMessage, offline } = await start(org, widget);
    expect(offline).toBe(false);
    expect(conversation).toMatchObject({ status: 'open', source: 'manual', widgetId: widget.id, assignee: { type: 'user', id: agents[0]!.id } });
    expect(conversation.visitorContext).toEqual({ ip: '203.0.113.7' });
    expect(firstMessage).toMatchObject({ senderType: 'visitor', body: 'Hello, I need help', private: false });
    const types = (await storedEvents(t.core, org)).filter((e) => e.conversationId === conversation.id).map((e) => e.type);
    expect(types).toEqual(['conversation.started', 'message.created', 'conversation.assigned']);
  });

  it('keeps it as an offline message when nobody is online', async () => {
    const tenant = await createTenant(t.core);
    const agent = await createAgent(t.core, tenant.organizationId);
    const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }]);
    const { conversation, offline } = await start(tenant.organizationId, widget);
    expect(offline).toBe(true);
    expect(conversation).toMatchObject({ status: 'closed', source: 'offline', closedBy: 'no_agents_found', assignee: null });
  });

  it('gives the chat to the least busy agent, and to an online bot before people', async () => {
    const { org, widget, agents } = await setup(2);
    await insertConversations(t.core, { organizationId: org, widgetId: widget.id, assignee: { type: 'user', id: agents[0]!.id }, status: 'open' });
    expect((await start(org, widget)).conversation.assignee).toEqual({ type: 'user', id: agents[1]!.id });

    const botId = await insertBot(t.core, org);
    const withBot = await createWidgetWith(t.core, org, [{ userId: agents[0]!.id }, { botId }]);
    expect((await start(org, withBot)).conversation.assignee).toEqual({ type: 'bot', id: botId });
  });

  it.each([
    ['a message', { messageRequired: true }, { message: '  ' }, 'message'],
    ['an e-mail', { emailRequired: true }, {}, 'email'],
  ])('refuses a chat without %s when the widget requires one', async (_what, settings, extra, field) => {
    const { org, widget } = await setup(1, settings);
    const error = await rejection(start(org, widget, extra));
    expect(error).toMatchObject({ kind: 'invalid', field });
  });

  it('refuses banned visitors, by IP and by visitor', async () => {
    const { org, widget } = await setup(1, { blockedIps: ['198.51.100.9'] });
    expect((await rejection(start(org, widget, { context: { ip: '198.51.100.9' } }))).kind).toBe('forbidden');
    const { conversation } = await start(org, widget);
    await banVisitor(t.core, org, conversation.id, 'visitor');
    expect((await getConversation(t.core, org, conversation.id))!.status).toBe('closed');
    expect((await rejection(start(org, widget, { contactId: conversation.contactId }))).kind).toBe('forbidden');
    await banVisitor(t.core, org, (await start(org, widget, { context: { ip: '192.0.2.44' } })).conversation.id, 'ip');
    expect((await rejection(start(org, widget, { context: { ip: '192.0.2.44' } }))).kind).toBe('forbidden');
  });

  it('cannot be started on another organization’s widget', async () => {
    const { widget } = await setup();
    const other = await createTenant(t.core);
    expect((await rejection(start(other.organizationId, widget))).kind).toBe('not_found');
  });
});

describe('a running conversation', () => {
  it('carries messages both ways, records first response, keeps notes private, and closes with its timings', async () => {
    const { org, widget, agents } = await setup();
    const { conversation } = await start(org, widget);
    const agent = agents[0]!;
    await postAgentMessage(t.core, org, conversation.id, agent.id, 'Hi! How can I help?');
    await postAgentMessage(t.core, org, conversation.id, agent.id, 'VIP customer', { private: true });
    await postVisitorMessage(t.core, org, conversation.id, conversation.contactId, 'My order is late');
    const visitorView = await getTranscript(t.core, org, conversation.id, { includePrivate: false });
    expect(visitorView!.map((m) => [m.senderType, m.body])).toEqual([
      ['visitor', 'Hello, I need help'],
      ['agent', 'Hi! How can I help?'],
      ['visitor', 'My order is late'],
    ]);
    const agentView = await getTranscript(t.core, org, conversation.id, { includePrivate: true });
    expect(agentView!.find((m) => m.private)).toMatchObject({ kind: 'note', body: 'VIP customer', senderName: agent.name });

    const closed = await closeConversation(t.core, org, conversation.id, 'agent');
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'agent' });
    expect(closed.firstResponseAt).not.toBeNull();
    expect(closed.waitSeconds).toBeGreaterThanOrEqual(0);
    expect(closed.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(await closeConversation(t.core, org, conversation.id, 'visitor')).toMatchObject({ closedBy: 'agent' });
    expect((await rejection(postVisitorMessage(t.core, org, conversation.id, conversation.contactId, 'hello?'))).kind).toBe('conflict');
  });

  it('lets only the assignee reply, and another agent accept only what waits', async () => {
    const { org, widget, agents } = await setup(2);
    await setAgentPresence(t.core, org, agents[1]!.id, 'pause');
    const { conversation } = await start(org, widget);
    expect(conversation.assignee).toEqual({ type: 'user', id: agents[0]!.id });
    expect((await rejection(postAgentMessage(t.core, org, conversation.id, agents[1]!.id, 'me too'))).kind).toBe('conflict');
    expect((await rejection(acceptConversation(t.core, org, conversation.id, agents[1]!.id))).kind).toBe('conflict');
    expect((await rejection(postVisitorMessage(t.core, org, conversation.id, '00000000-0000-4000-8000-000000000000', 'x'))).kind).toBe('not_found');
  });

  it('transfers to an agent, to a widget with nobody online (queued), and back by tags', async () => {
    const { org, widget, agents } = await setup(2);
    const { conversation } = await start(org, widget);
    const first = conversation.assignee!.id;
    const second = agents.find((a) => a.id !== first)!;
    expect((await transferConversation(t.core, org, conversation.id, { kind: 'agent', userId: second.id })).assignee).toEqual({ type: 'user', id: second.id });

    const sleepy = await createAgent(t.core, org);
    const emptyWidget = await createWidgetWith(t.core, org, [{ userId: sleepy.id }]);
    const queued = await transferConversation(t.core, org, conversation.id, { kind: 'widget', widgetId: emptyWidget.id });
    expect(queued).toMatchObject({ status: 'queued', widgetId: emptyWidget.id, assignee: null });

    const tagged = await createAgent(t.core, org, { presence: 'online' });
    const support = await createWidgetWith(t.core, org, [{ userId: second.id }]);
    await updateWidget(t.core, org, support.id, { members: [{ userId: second.id, alias: 'S' }, { userId: tagged.id, alias: 'T', tags: ['billing'] }] });
    const routed = await transferConversation(t.core, org, conversation.id, { kind: 'tags', widgetId: support.id, tags: ['Billing'] });
    expect(routed.assignee).toEqual({ type: 'user', id: tagged.id });
    const accepted = await acceptConversation(t.core, org, conversation.id, tagged.id);
    expect(accepted.status).toBe('open');
  });

  it('labels with several values per name and takes one off', async () => {
    const { org, widget } = await setup();
    const { conversation } = await start(org, widget);
    await labelConversation(t.core, org, conversation.id, 'Topic', 'billing');
    await labelConversation(t.core, org, conversation.id, 'Topic', 'refunds');
    await unlabelConversation(t.core, org, conversation.id, 'Topic', 'billing');
    expect((await getConversation(t.core, org, conversation.id))!.labels).toEqual([{ name: 'Topic', value: 'refunds' }]);
    expect((await rejection(unlabelConversation(t.core, org, conversation.id, 'Topic', 'billing'))).kind).toBe('not_found');
  });

  it('stores the visitor rating, 1 to 10 only', async () => {
    const { org, widget } = await setup();
    const { conversation } = await start(org, widget);
    await closeConversation(t.core, org, conversation.id, 'visitor');
    await rateConversation(t.core, org, conversation.id, conversation.contactId, 9, ' Great help ');
    expect(await getConversation(t.core, org, conversation.id)).toMatchObject({ rating: 9, ratingComment: 'Great help' });
    expect((await rejection(rateConversation(t.core, org, conversation.id, conversation.contactId, 11))).field).toBe('rating');
  });

  it('is invisible to other organizations', async () => {
    const { org, widget } = await setup();
    const { conversation } = await start(org, widget);
    const other = await createTenant(t.core);
    expect(await getConversation(t.core, other.organizationId, conversation.id)).toBeUndefined();
    expect((await rejection(closeConversation(t.core, other.organizationId, conversation.id, 'agent'))).kind).toBe('not_found');
    expect((await getConversation(t.core, org, conversation.id))!.status).toBe('open');
  });
});
