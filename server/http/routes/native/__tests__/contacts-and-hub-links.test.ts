import { beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '../../../../core/commands/start-conversation.ts';
import { storedEvents, createAgent, createWidgetWith } from '../../../../test/factories.ts';
import { bearer, call, createMember, expectError, sessionFor, UNKNOWN_IDS, useAdminApi, type Credentials } from './native-test-kit.ts';

const { t, tenant, other, admin } = useAdminApi();
const world = { agent: {} as Credentials, widgetId: '', contactId: '', foreignWidgetId: '', foreignContactId: '' };

beforeAll(async () => {
  const member = await createMember(t.core, tenant.organizationId, 'agent');
  world.agent = await sessionFor(t.app, member.email, member.password);
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: member.user.id }]);
  world.widgetId = widget.id;
  world.contactId = (await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, message: 'hi' })).conversation.contactId;
  const foreignAgent = await createAgent(t.core, other.organizationId);
  const foreignWidget = await createWidgetWith(t.core, other.organizationId, [{ userId: foreignAgent.id }]);
  world.foreignWidgetId = foreignWidget.id;
  world.foreignContactId = (await startConversation(t.core, other.organizationId, { widgetId: foreignWidget.id, message: 'hi' })).conversation.contactId;
});

describe('PATCH /contacts/{id}', () => {
  it('stores what the agent learned (slash commands) and records contact.updated', async () => {
    const response = await call(t.app, 'PATCH', `/contacts/${world.contactId}`, { credentials: world.agent, payload: { name: 'Vera', email: 'Vera@Shop.test', phone: '+49 30 1234' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().contact).toMatchObject({ id: world.contactId, name: 'Vera', email: 'vera@shop.test', phone: '+49 30 1234' });
    const events = await storedEvents(t.core, tenant.organizationId);
    expect(events.at(-1)).toMatchObject({ type: 'contact.updated', payload: { contactId: world.contactId, changes: ['name', 'email', 'phone'] } });
    // The visitor left an offline message (nobody was online): no chat in progress to tie it to.
    expect(events.at(-1)!.conversationId ?? null).toBeNull();
    const cleared = await call(t.app, 'PATCH', `/contacts/${world.contactId}`, { credentials: world.agent, payload: { phone: null } });
    expect(cleared.json().contact.phone).toBeNull();
  });

  it('ties contact.updated to the chat in progress, so agents watching it see the change live', async () => {
    const online = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: online.id }]);
    const { conversation } = await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, message: 'hello' });
    expect(conversation.status).not.toBe('closed');
    const response = await call(t.app, 'PATCH', `/contacts/${conversation.contactId}`, { credentials: world.agent, payload: { name: 'Noor' } });
    expect(response.statusCode, response.body).toBe(200);
    const events = await storedEvents(t.core, tenant.organizationId);
    expect(events.at(-1)).toMatchObject({
      type: 'contact.updated',
      conversationId: conversation.id,
      widgetId: widget.id,
      payload: { contactId: conversation.contactId, changes: ['name'] },
    });
  });

  it('refuses empty bodies, wrong types and malformed values, naming the field', async () => {
    const patch = (payload: unknown) => call(t.app, 'PATCH', `/contacts/${world.contactId}`, { credentials: world.agent, payload });
    expectError(await patch({}), { status: 400, code: 'invalid', message: 'send at least one of name, email, phone', field: 'body' });
    expectError(await patch({ name: 42 }), { status: 400, code: 'invalid', message: /name/, field: 'name' });
    expectError(await patch({ email: 'not an address' }), { status: 400, code: 'invalid', message: /email/, field: 'email' });
    expectError(await patch({ phone: 'call me' }), { status: 400, code: 'invalid', message: /phone/, field: 'phone' });
    expectError(await patch({ name: 'x', visitorId: 'steal' }), { status: 400, code: 'invalid', message: /visitorId/, field: 'body' });
  });

  it('is 404 for unknown and foreign contacts, 401 without credentials', async () => {
    for (const id of [...UNKNOWN_IDS, world.foreignContactId]) {
      expectError(await call(t.app, 'PATCH', `/contacts/${id}`, { credentials: admin, payload: { name: 'x' } }), { status: 404, code: 'not_found', message: 'contact not found' });
    }
    expectError(await call(t.app, 'PATCH', `/contacts/${world.contactId}`, { payload: { name: 'x' } }), { status: 401, code: 'unauthorized', message: /authentication required/ });
  });
});

describe('GET /contacts/{id}/conversations', () => {
  it('lists the visitor’s conversations; unknown and foreign contacts are 404', async () => {
    const response = await call(t.app, 'GET', `/contacts/${world.contactId}/conversations`, { credentials: world.agent });
    expect(response.json().conversations).toHaveLength(1);
    for (const id of [...UNKNOWN_IDS, world.foreignContactId]) {
      expectError(await call(t.app, 'GET', `/contacts/${id}/conversations`, { credentials: admin }), { status: 404, code: 'not_found', message: 'contact not found' });
    }
  });
});

describe('widget hub links', () => {
  const links = [{ label: 'CRM', url: 'https://crm.example.com/hub?x=1' }];

  it('admins replace them, agents read them, other settings of the widget stay', async () => {
    const put = await call(t.app, 'PUT', `/widgets/${world.widgetId}/hub-links`, { credentials: admin, payload: { links } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ links });
    expect((await call(t.app, 'GET', `/widgets/${world.widgetId}/hub-links`, { credentials: world.agent })).json()).toEqual({ links });
    const widget = (await call(t.app, 'GET', `/widgets/${world.widgetId}`, { credentials: admin })).json().widget;
    expect(widget.members).toHaveLength(1);
  });

  it('refuses non-http URLs, missing labels, unknown fields and too many links', async () => {
    const put = (payload: unknown) => call(t.app, 'PUT', `/widgets/${world.widgetId}/hub-links`, { credentials: admin, payload });
    expectError(await put({ links: [{ label: 'x', url: 'javascript:alert(1)' }] }), { status: 400, code: 'invalid', message: /url/, field: 'links[0].url' });
    expectError(await put({ links: [{ url: 'https://a.example' }] }), { status: 400, code: 'invalid', message: /label/, field: 'links[0].label' });
    expectError(await put({ links: [{ label: 'x', url: 'https://a.example', sandbox: false }] }), { status: 400, code: 'invalid', message: /sandbox/, field: 'links[0]' });
    expectError(await put({ links: 'https://a.example' }), { status: 400, code: 'invalid', message: /links/, field: 'links' });
    expectError(await put({}), { status: 400, code: 'invalid', message: /links/, field: 'links' });
    expectError(await put({ links: Array.from({ length: 11 }, () => links[0]) }), { status: 400, code: 'invalid', message: /links/, field: 'links' });
  });

  it('only admins change them; unknown and foreign widgets are 404', async () => {
    expectError(await call(t.app, 'PUT', `/widgets/${world.widgetId}/hub-links`, { credentials: world.agent, payload: { links } }), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
    for (const id of [...UNKNOWN_IDS, world.foreignWidgetId]) {
      expectError(await call(t.app, 'GET', `/widgets/${id}/hub-links`, { credentials: admin }), { status: 404, code: 'not_found', message: 'widget not found' });
      expectError(await call(t.app, 'PUT', `/widgets/${id}/hub-links`, { credentials: admin, payload: { links } }), { status: 404, code: 'not_found', message: 'widget not found' });
    }
  });
});

describe('widget snippet and team', () => {
  it('gives admins the embed snippet of their own widgets only', async () => {
    const response = await call(t.app, 'GET', `/widgets/${world.widgetId}/snippet`, { credentials: bearer(tenant.apiKey) });
    expect(response.json().snippet).toContain(`/js/${world.widgetId}.js`);
    expectError(await call(t.app, 'GET', `/widgets/${world.foreignWidgetId}/snippet`, { credentials: admin }), { status: 404, code: 'not_found', message: 'widget not found' });
    expectError(await call(t.app, 'GET', `/widgets/${world.widgetId}/snippet`, { credentials: world.agent }), { status: 403, code: 'forbidden', message: 'this endpoint needs the admin role' });
  });

  it('shows agents their colleagues without e-mails, and no one of another organization', async () => {
    const response = await call(t.app, 'GET', '/team', { credentials: world.agent });
    const team = response.json().team as Array<Record<string, unknown>>;
    expect(team.length).toBeGreaterThanOrEqual(2);
    expect(team.every((mate) => !('email' in mate) && ['online', 'pause', 'offline'].includes(mate.presence as string))).toBe(true);
    const foreign = (await call(t.app, 'GET', '/team', { credentials: bearer(other.apiKey) })).json().team as Array<{ id: string }>;
    expect(foreign.some((mate) => team.some((mine) => mine.id === mate.id))).toBe(false);
    expectError(await call(t.app, 'GET', '/team'), { status: 401, code: 'unauthorized', message: /authentication required/ });
  });
});
