import { describe, expect, it } from 'vitest';
import { startConversation } from '../../server/core/commands/start-conversation.ts';
import { updateContact } from '../../server/core/commands/update-contact.ts';
import { getTranscript } from '../../server/core/queries/conversations.ts';
import { transcriptRequests } from '../../server/db/schema/index.ts';
import { expectError } from '../../server/http/routes/native/__tests__/native-test-kit.ts';
import { createAgent, createWidgetWith, insertVisitorConversation } from '../../server/test/factories.ts';
import { createTenant, useTestApp } from '../../server/test/test-app.ts';

/**
 * POST /native/v1/public/conversations/{id}/transcript: a transcript goes only to the address the
 * visitor gave for the chat, within the limits, while the organization and the widget offer it.
 * Each test has its own organization and client addresses, so the hourly counts of one do not
 * reach another.
 */

const { t } = useTestApp({
  env: {
    TRANSCRIPTS_PER_CONVERSATION: '2',
    TRANSCRIPTS_PER_VISITOR_PER_HOUR: '3',
    TRANSCRIPTS_PER_IP_PER_HOUR: '4',
    TRANSCRIPTS_PER_ORGANIZATION_PER_HOUR: '5',
  },
});

let ipCounter = 0;
/** A client address no other test uses. */
const newIp = () => `198.51.100.${++ipCounter}`;

/** An organization with a widget answered by an agent, and a way to add visitors who gave (or did not give) an address. */
async function organization() {
  const tenant = await createTenant(t.core);
  const { organizationId } = tenant;
  const agent = await createAgent(t.core, organizationId, { presence: 'online' });
  const widget = await createWidgetWith(t.core, organizationId, [{ userId: agent.id }]);
  async function visitor(email?: string) {
    const chat = await insertVisitorConversation(t.core, { organizationId, widgetId: widget.id, assignee: { type: 'user', id: agent.id }, status: 'open' });
    if (email) await updateContact(t.core, organizationId, chat.contactId, { email });
    /** The same visitor's next chat. */
    const nextChat = async () => (await startConversation(t.core, organizationId, { widgetId: widget.id, contactId: chat.contactId, message: 'Me again' })).conversation.id;
    const ask = (options: { email?: string; ip?: string; conversationId?: string } = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/native/v1/public/conversations/${options.conversationId ?? chat.conversationId}/transcript`,
        headers: { 'content-type': 'application/json', 'x-visitor-token': chat.visitorToken },
        payload: { email: options.email ?? email ?? 'nobody@example.com' },
        remoteAddress: options.ip ?? '203.0.113.1',
      });
    return { ...chat, nextChat, ask };
  }
  const admin = { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' };
  const setTranscripts = async (transcriptsEnabled: boolean) =>
    expect((await t.app.inject({ method: 'PATCH', url: '/native/v1/organization', headers: admin, payload: { transcriptsEnabled } })).statusCode).toBe(200);
  return { tenant, widget, admin, visitor, setTranscripts };
}

const noticesIn = async (organizationId: string, conversationId: string) =>
  (await getTranscript(t.core, organizationId, conversationId, { includePrivate: true }))!.filter((message) => message.kind === 'event');

const OWN_ADDRESS_ONLY = 'a transcript goes only to the e-mail address given for this chat';

describe('the address', () => {
  it("refuses any address but the one the visitor gave for the chat (403 naming email), and a chat without one, storing nothing", async () => {
    const { tenant, visitor } = await organization();
    const vera = await visitor('vera@example.com');
    for (const email of ['victim@example.com', 'vera@example.com.evil.example', 'vera@example.org']) {
      expectError(await vera.ask({ email }), { status: 403, code: 'forbidden', field: 'email', message: OWN_ADDRESS_ONLY });
    }
    const anonymous = await visitor();
    expectError(await anonymous.ask({ email: 'someone@example.com' }), { status: 403, code: 'forbidden', field: 'email', message: `${OWN_ADDRESS_ONLY}, and none was given` });
    expect(await noticesIn(tenant.organizationId, vera.conversationId)).toEqual([]);
    expect(await noticesIn(tenant.organizationId, anonymous.conversationId)).toEqual([]);
  });

  it("accepts the visitor's own address in any case: 202 and a notice naming it", async () => {
    const { tenant, visitor } = await organization();
    const vera = await visitor('vera@example.com');
    const response = await vera.ask({ email: 'Vera@Example.COM' });
    expect(response.statusCode, response.body).toBe(202);
    expect(await noticesIn(tenant.organizationId, vera.conversationId)).toMatchObject([
      { id: response.json().messageId, senderType: 'system', content: { event: { name: 'transcript_requested', data: { email: 'vera@example.com' } } } },
    ]);
  });
});

describe('the limits', () => {
  it('TRANSCRIPTS_PER_CONVERSATION per chat, then 429; the same visitor may still ask in another chat', async () => {
    const { visitor } = await organization();
    const vera = await visitor('vera@example.com');
    const ip = newIp();
    for (let i = 0; i < 2; i++) expect((await vera.ask({ ip })).statusCode).toBe(202);
    expectError(await vera.ask({ ip }), { status: 429, code: 'rate_limited', message: 'at most 2 transcript e-mail(s) may be requested for one chat' });
    expect((await vera.ask({ ip, conversationId: await vera.nextChat() })).statusCode).toBe(202);
  });

  it('TRANSCRIPTS_PER_VISITOR_PER_HOUR across their chats, from any address; requests older than an hour no longer count', async () => {
    const { visitor } = await organization();
    const vera = await visitor('vera@example.com');
    const second = await vera.nextChat();
    expect((await vera.ask({ ip: newIp() })).statusCode).toBe(202);
    expect((await vera.ask({ ip: newIp() })).statusCode).toBe(202);
    expect((await vera.ask({ ip: newIp(), conversationId: second })).statusCode).toBe(202);
    const third = await vera.nextChat();
    expectError(await vera.ask({ ip: newIp(), conversationId: third }), { status: 429, code: 'rate_limited', message: 'at most 3 transcript e-mail(s) per visitor per hour; try again later' });

    // Every request so far (this file's other tests are done with theirs) moves back past the hour.
    await t.core.db.update(transcriptRequests).set({ createdAt: new Date(Date.now() - 61 * 60_000) });
    expect((await vera.ask({ ip: newIp(), conversationId: third })).statusCode).toBe(202);
  });

  it('TRANSCRIPTS_PER_IP_PER_HOUR across visitors and organizations', async () => {
    const first = await organization();
    const second = await organization();
    const ip = newIp();
    const visitors = [await first.visitor('a@example.com'), await first.visitor('b@example.com'), await second.visitor('c@example.com'), await second.visitor('d@example.com')];
    for (const v of visitors) expect((await v.ask({ ip })).statusCode).toBe(202);
    const fifth = await second.visitor('e@example.com');
    expectError(await fifth.ask({ ip }), { status: 429, code: 'rate_limited', message: 'at most 4 transcript e-mail(s) per network address per hour; try again later' });
    expect((await fifth.ask({ ip: newIp() })).statusCode).toBe(202);
  });

  it('TRANSCRIPTS_PER_ORGANIZATION_PER_HOUR, also when the requests arrive at once; other organizations are not affected', async () => {
    const busy = await organization();
    const visitors = await Promise.all(Array.from({ length: 8 }, (_, i) => busy.visitor(`visitor${i}@example.com`)));
    const answers = await Promise.all(visitors.map((v) => v.ask({ ip: newIp() })));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expectError(answers.find((answer) => answer.statusCode === 429)!, {
      status: 429,
      code: 'rate_limited',
      message: "this organization's transcript e-mails for this hour (5) are used up; try again later",
    });
    const quiet = await organization();
    expect((await (await quiet.visitor('q@example.com')).ask({ ip: newIp() })).statusCode).toBe(202);
  });
});

describe('the switches', () => {
  it("the organization's (PATCH /native/v1/organization): 403 while off, and the widget stops offering it", async () => {
    const { widget, visitor, setTranscripts } = await organization();
    const vera = await visitor('vera@example.com');
    const offered = async () => ((await t.app.inject({ url: `/native/v1/public/widgets/${widget.id}` })).json() as { widget: { settings: { transcript: { enabled: boolean } } } }).widget.settings.transcript.enabled;
    expect(await offered()).toBe(true);

    await setTranscripts(false);
    expectError(await vera.ask({ ip: newIp() }), { status: 403, code: 'forbidden', message: 'transcripts by e-mail are switched off for this organization' });
    expect(await offered()).toBe(false);

    await setTranscripts(true);
    expect((await vera.ask({ ip: newIp() })).statusCode).toBe(202);
    expect(await offered()).toBe(true);
  });

  it("the widget's own setting (transcript.enabled): 403 while off", async () => {
    const { widget, admin, visitor } = await organization();
    const vera = await visitor('vera@example.com');
    const put = await t.app.inject({ method: 'PUT', url: `/native/v1/widgets/${widget.id}/ui-settings`, headers: admin, payload: { settings: { transcript: { enabled: false } } } });
    expect(put.statusCode, put.body).toBe(200);
    expectError(await vera.ask({ ip: newIp() }), { status: 403, code: 'forbidden', message: 'this widget does not offer transcripts by e-mail' });
  });
});
