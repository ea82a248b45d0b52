import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../../core/commands/create-api-key.ts';
import { deleteWidget } from '../../../core/commands/delete-widget.ts';
import { getConversation, getTranscript } from '../../../core/queries/conversations.ts';
import { createAgent, createWidgetWith } from '../../../test/factories.ts';
import { error, ok } from './provisioning-client.ts';
import { caseIdOf, SAMPLE_USER_AGENT, staffedWidget, UNKNOWN_ID, useVisitorChatApp, withoutAllow } from './visitor-chat-client.ts';

/**
 * SnapEngage Visitor Chat API: POST /api/v1/chat (start) and PUT /api/v1/chat (message, close),
 * key in `x-api-key`; the poll has its own file. Parameters come from the query string, a form or JSON body.
 */

const { t, tenant, other, org, send } = useVisitorChatApp();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOT_FOUND = { status: 404, body: '' };

/** The reference's "Start new chat" sample parameters for a widget, in its order. */
const sampleStart = (widgetId: string) => ({
  widgetId,
  email: 'visitor@example.com',
  phone: '555-123-4567',
  userAgent: SAMPLE_USER_AGENT,
  locale: 'en',
  isOffline: 'false',
  appVersionName: 'My Mobile App',
  visitorMessage: 'hello',
});

async function startedCase(widgetId: string) {
  const reply = await send('POST', '/api/v1/chat', { query: { widgetId, visitorMessage: 'hello' } });
  expect(reply.status).toBe(200);
  return caseIdOf(reply);
}

describe('POST /api/v1/chat starts a chat', () => {
  it('the reference’s sample (parameters in the query string): 200 {caseId, widgetId}, routed, with the visitor’s context', async () => {
    const { agent, widget } = await staffedWidget(t.core, org());
    const reply = await send('POST', '/api/v1/chat', { query: sampleStart(widget.id) });
    expect(withoutAllow(reply)).toEqual(ok({ caseId: expect.stringMatching(UUID), widgetId: widget.id }));
    expect(Object.keys(reply.body as object)).toEqual(['caseId', 'widgetId']);

    const conversation = (await getConversation(t.core, org(), caseIdOf(reply)))!;
    expect(conversation).toMatchObject({ widgetId: widget.id, status: 'open', source: 'manual', assignee: { type: 'user', id: agent.id }, language: 'en' });
    expect(conversation.visitorContext).toEqual({
      ip: '127.0.0.1',
      userAgent: SAMPLE_USER_AGENT,
      browser: 'Chrome 24',
      os: 'macOS 10.8',
      locale: 'en',
      customFields: { appVersionName: 'My Mobile App' },
    });
    const transcript = await getTranscript(t.core, org(), conversation.id, { includePrivate: true });
    expect(transcript!.map((m) => [m.senderType, m.body])).toEqual([['visitor', 'hello']]);
  });

  it('reads the same parameters from a form body, and from a JSON body', async () => {
    const { widget } = await staffedWidget(t.core, org());
    for (const request of [{ form: sampleStart(widget.id) }, { json: { ...sampleStart(widget.id), isOffline: false } }]) {
      const reply = await send('POST', '/api/v1/chat', request);
      expect(withoutAllow(reply)).toEqual(ok({ caseId: expect.stringMatching(UUID), widgetId: widget.id }));
      const conversation = (await getConversation(t.core, org(), caseIdOf(reply)))!;
      expect(conversation.visitorContext).toMatchObject({ userAgent: SAMPLE_USER_AGENT, browser: 'Chrome 24', locale: 'en' });
      expect((await getTranscript(t.core, org(), conversation.id, { includePrivate: false }))!.map((m) => m.body)).toEqual(['hello']);
    }
  });

  it('merges the query string with the body; a parameter in both takes the body’s value', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const reply = await send('POST', '/api/v1/chat', { query: { widgetId: widget.id, visitorMessage: 'from the query' }, form: { visitorMessage: 'from the body' } });
    expect(reply.status).toBe(200);
    const transcript = await getTranscript(t.core, org(), caseIdOf(reply), { includePrivate: false });
    expect(transcript!.map((m) => m.body)).toEqual(['from the body']);
  });

  it('reads a form body sent without a Content-Type, and a JSON body labelled as a form', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const unlabelled = await send('POST', '/api/v1/chat', { form: { widgetId: widget.id }, contentType: null });
    const mislabelled = await send('POST', '/api/v1/chat', { form: JSON.stringify({ widgetId: widget.id }) });
    expect([unlabelled.status, mislabelled.status]).toEqual([200, 200]);
  });

  it('isOffline=true leaves an offline message even though an agent is online', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const reply = await send('POST', '/api/v1/chat', { query: { ...sampleStart(widget.id), isOffline: 'true' } });
    expect(withoutAllow(reply)).toEqual(ok({ caseId: expect.stringMatching(UUID), widgetId: widget.id }));
    const conversation = await getConversation(t.core, org(), caseIdOf(reply));
    expect(conversation).toMatchObject({ source: 'offline', status: 'closed', closedBy: 'no_agents_found', assignee: null });
  });

  it('a widget with nobody online takes the chat as an offline message', async () => {
    const agent = await createAgent(t.core, org());
    const widget = await createWidgetWith(t.core, org(), [{ userId: agent.id }]);
    const reply = await send('POST', '/api/v1/chat', { query: { widgetId: widget.id, isOffline: 'false', visitorMessage: 'anyone?' } });
    expect(reply.status).toBe(200);
    expect(await getConversation(t.core, org(), caseIdOf(reply))).toMatchObject({ source: 'offline', status: 'closed' });
  });

  it('400 naming the field: widgetId missing, bad isOffline, e-mail, phone or locale', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const cases: Array<[Record<string, string>, string]> = [
      [{ visitorMessage: 'hello' }, 'widgetId is required'],
      [{ widgetId: '' }, 'widgetId must not be empty'],
      [{ widgetId: widget.id, isOffline: 'maybe' }, 'isOffline must be of type boolean'],
      [{ widgetId: widget.id, email: 'not-an-email' }, 'email must be a valid e-mail address'],
      [{ widgetId: widget.id, phone: 'call me maybe' }, 'phone has an invalid format'],
      [{ widgetId: widget.id, locale: 'english please' }, 'locale has an invalid format'],
    ];
    for (const [query, message] of cases) expect(withoutAllow(await send('POST', '/api/v1/chat', { query }))).toEqual(error(400, message));
  });

  it('400 when the widget requires an e-mail or a first message and the request has none', async () => {
    const { widget: needsEmail } = await staffedWidget(t.core, org(), { emailRequired: true });
    const { widget: needsMessage } = await staffedWidget(t.core, org(), { messageRequired: true });
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query: { widgetId: needsEmail.id } }))).toEqual(
      error(400, 'email is required by this widget'),
    );
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query: { widgetId: needsMessage.id, visitorMessage: '  ' } }))).toEqual(
      error(400, 'visitorMessage is required by this widget'),
    );
    const satisfied = await send('POST', '/api/v1/chat', { query: { widgetId: needsEmail.id, email: 'Visitor@Example.com' } });
    expect(satisfied.status).toBe(200);
  });

  it('404 with an empty body for an unknown, malformed, deleted or other organization’s widget', async () => {
    const { widget: deleted } = await staffedWidget(t.core, org());
    await deleteWidget(t.core, org(), deleted.id);
    const { widget: foreign } = await staffedWidget(t.core, other.organizationId);
    for (const widgetId of [UNKNOWN_ID, 'not-a-uuid', deleted.id, foreign.id]) {
      expect(withoutAllow(await send('POST', '/api/v1/chat', { query: { widgetId } }))).toEqual(NOT_FOUND);
    }
  });
});

describe('PUT /api/v1/chat sends a message or ends the chat', () => {
  it('the reference’s sample: 200 echoing the decoded message, messageType as the string "1"', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const caseId = await startedCase(widget.id);
    const reply = await send('PUT', '/api/v1/chat', { query: `caseId=${caseId}&messageType=1&messageBody=I%20need%20help%20finding%20shoes%21` });
    expect(withoutAllow(reply)).toEqual(ok({ caseId, messageBody: 'I need help finding shoes!', messageType: '1' }));
    expect(Object.keys(reply.body as object)).toEqual(['caseId', 'messageBody', 'messageType']);
    const transcript = await getTranscript(t.core, org(), caseId, { includePrivate: false });
    expect(transcript!.map((m) => [m.senderType, m.body])).toEqual([
      ['visitor', 'hello'],
      ['visitor', 'I need help finding shoes!'],
    ]);
  });

  it('decodes a form body (`+` and UTF-8), takes messageType 1 when it is left out, and accepts JSON numbers', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const caseId = await startedCase(widget.id);
    expect(withoutAllow(await send('PUT', '/api/v1/chat', { form: `caseId=${caseId}&messageBody=Gr%C3%BC%C3%9Fe+aus+K%C3%B6ln` }))).toEqual(
      ok({ caseId, messageBody: 'Grüße aus Köln', messageType: '1' }),
    );
    expect(withoutAllow(await send('PUT', '/api/v1/chat', { json: { caseId, messageType: 1, messageBody: 'as JSON' } }))).toEqual(
      ok({ caseId, messageBody: 'as JSON', messageType: '1' }),
    );
  });

  it('messageType 2 ends the chat as the visitor; ending it again is still 200', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const caseId = await startedCase(widget.id);
    const close = { query: { caseId, messageType: '2' } };
    expect(withoutAllow(await send('PUT', '/api/v1/chat', close))).toEqual(ok({ caseId, messageBody: '', messageType: '2' }));
    expect(await getConversation(t.core, org(), caseId)).toMatchObject({ status: 'closed', closedBy: 'visitor' });
    expect(withoutAllow(await send('PUT', '/api/v1/chat', close))).toEqual(ok({ caseId, messageBody: '', messageType: '2' }));
  });

  it('400 for a message to a chat that has ended (the reference lists no 409)', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const caseId = await startedCase(widget.id);
    await send('PUT', '/api/v1/chat', { query: { caseId, messageType: '2' } });
    expect(withoutAllow(await send('PUT', '/api/v1/chat', { query: { caseId, messageType: '1', messageBody: 'still there?' } }))).toEqual(
      error(400, 'caseId names a chat that has ended'),
    );
  });

  it('400 naming the field: caseId missing, messageType not 1 or 2, messageBody missing or blank', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const caseId = await startedCase(widget.id);
    const cases: Array<[Record<string, string>, string]> = [
      [{ messageType: '1', messageBody: 'hi' }, 'caseId is required'],
      [{ caseId, messageType: '3', messageBody: 'hi' }, 'messageType must be one of: 1, 2'],
      [{ caseId, messageType: 'x', messageBody: 'hi' }, 'messageType must be of type integer'],
      [{ caseId, messageType: '1' }, 'messageBody is required when messageType is 1'],
      [{ caseId, messageType: '1', messageBody: '   ' }, 'messageBody must not be empty'],
    ];
    for (const [query, message] of cases) expect(withoutAllow(await send('PUT', '/api/v1/chat', { query }))).toEqual(error(400, message));
    expect((await getTranscript(t.core, org(), caseId, { includePrivate: true }))!).toHaveLength(1);
  });

  it('404 with an empty body for an unknown, malformed or other organization’s case', async () => {
    const { widget: foreign } = await staffedWidget(t.core, other.organizationId);
    const foreignCase = caseIdOf(await send('POST', '/api/v1/chat', { query: { widgetId: foreign.id }, key: other.apiKey }));
    for (const caseId of [UNKNOWN_ID, 'not-a-uuid', foreignCase]) {
      expect(withoutAllow(await send('PUT', '/api/v1/chat', { query: { caseId, messageType: '1', messageBody: 'hi' } }))).toEqual(NOT_FOUND);
    }
    expect((await getTranscript(t.core, other.organizationId, foreignCase, { includePrivate: true }))!).toHaveLength(0);
  });
});

describe('x-api-key and methods', () => {
  it('401 without a key, with an unknown key, or with the key in the query string instead of the header', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const query = { widgetId: widget.id };
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query, key: null }))).toEqual(error(401, 'x-api-key is required'));
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query, key: 'sk_live_unknown' }))).toEqual(error(401, 'x-api-key is invalid or revoked'));
    expect(withoutAllow(await send('PUT', '/api/v1/chat', { query: { caseId: UNKNOWN_ID }, key: null }))).toEqual(error(401, 'x-api-key is required'));
    expect(withoutAllow(await send('GET', `/api/v1/chat/poll/${UNKNOWN_ID}`, { key: null }))).toEqual(error(401, 'x-api-key is required'));
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query: { ...query, api_key: tenant.apiKey }, key: null }))).toEqual(
      error(401, 'x-api-key is required'),
    );
  });

  it('403 for a key of the organization without the "chat" scope', async () => {
    const { widget } = await staffedWidget(t.core, org());
    const { secret } = await createApiKey(t.core, org(), 'provisioning only', ['provisioning']);
    const forbidden = error(403, 'x-api-key lacks the "chat" scope');
    expect(withoutAllow(await send('POST', '/api/v1/chat', { query: { widgetId: widget.id }, key: secret }))).toEqual(forbidden);
    expect(withoutAllow(await send('GET', `/api/v1/chat/poll/${UNKNOWN_ID}`, { key: secret }))).toEqual(forbidden);
  });

  it('405 with the vendor’s error shape and an Allow header for other methods', async () => {
    const chat = { status: 405, allow: 'POST, PUT' };
    expect(await send('DELETE', '/api/v1/chat', { query: { caseId: UNKNOWN_ID } })).toEqual({
      ...chat,
      body: { code: 405, message: 'DELETE is not allowed on this path; use POST or PUT' },
    });
    expect(await send('PATCH', '/api/v1/chat')).toMatchObject(chat);
    expect(await send('GET', '/api/v1/chat')).toMatchObject(chat);
    expect(await send('POST', `/api/v1/chat/poll/${UNKNOWN_ID}`)).toEqual({
      status: 405,
      allow: 'GET',
      body: { code: 405, message: 'POST is not allowed on this path; use GET' },
    });
    expect(await send('DELETE', `/api/v1/chat/poll/${UNKNOWN_ID}`)).toMatchObject({ status: 405, allow: 'GET' });
  });
});
