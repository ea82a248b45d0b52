import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/config.ts';
import { postVisitorMessage } from '../../../core/commands/post-message.ts';
import { startConversation } from '../../../core/commands/start-conversation.ts';
import { getConversation, getTranscript } from '../../../core/queries/conversations.ts';
import { bearer, call } from '../../../http/routes/native/__tests__/native-test-kit.ts';
import { startBotRunner, type BotRunner } from '../../../integrations/bot-runner.ts';
import { startReceiver, type Received, type Responder, type TestReceiver } from '../../../integrations/__tests__/receiver.ts';
import { FAST_WEBHOOKS, LOCAL_RECEIVERS } from '../../../integrations/__tests__/webhook-test-kit.ts';
import { createAgent, createWidgetWith } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { snapEngageBotProtocol } from '../bot/protocol.ts';

const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
/** The bot: a real HTTP server whose answers each test scripts. */
let bot: TestReceiver;
let runner: BotRunner | undefined;

beforeAll(async () => {
  bot = await startReceiver();
});
afterAll(() => bot.close());
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  bot.received.length = 0;
});

const requests = () => bot.received.map((r: Received) => JSON.parse(r.body) as Record<string, unknown>);

/** A widget whose members are the bot (first: bots take chats first) and an online person. */
async function botWidget(answer: Responder, env: Record<string, string> = {}) {
  bot.respond(answer);
  const created = await call(t.app, 'POST', '/bots', {
    credentials: bearer(tenant.apiKey),
    payload: { name: 'Helper', endpointUrl: bot.url, endpointToken: 'bot-token' },
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.body).not.toContain('bot-token');
  const botId = created.json().bot.id as string;
  const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ botId }, { userId: agent.id }]);
  runner = startBotRunner(t.core, loadConfig({ ...FAST_WEBHOOKS, ...LOCAL_RECEIVERS, ...env }), new Map([[snapEngageBotProtocol.id, snapEngageBotProtocol]]), (error) => console.error(error));
  // Its first pass places the cursor; chats started after it are the bot's.
  await runner.drained();
  return { botId, agent, widget };
}

async function startChat(widgetId: string, message = 'Hi there') {
  const { conversation } = await startConversation(t.core, tenant.organizationId, {
    widgetId,
    visitor: { email: 'vera@example.com' },
    message,
    context: { ip: '71.56.219.144', pageUrl: 'https://example.com/contact', entryUrl: 'https://example.com/', userAgent: 'Mozilla/5.0', geo: { city: 'Boulder', region: 'CO', countryCode: 'US' } },
  });
  return conversation;
}

async function settle() {
  await runner!.drained();
  await runner!.drained();
}

const transcript = async (conversationId: string) => (await getTranscript(t.core, tenant.organizationId, conversationId, { includePrivate: false }))!;

describe('Bot API', () => {
  it('drives a whole chat: greeting with buttons and cards, labels, GOTO, a clicked button, failed transfers, then a human', async () => {
    const { agent, widget } = await botWidget((request) => {
      const body = JSON.parse(request.body);
      if (body.event === 'chatStarted') {
        return {
          json: {
            widget_id: body.widget_id,
            case_id: body.case_id,
            context_id: 'ctx-1',
            content: [
              { type: 'message', text: 'I need to ask you a few questions...' },
              { type: 'message', text: 'Are you willing to travel?', display_responses: [{ text: 'Yes', id: 'btn-123' }, { text: 'No' }] },
              {
                operation: 'CARDS',
                type: 'command',
                parameters: { type: 'cards', layout: 'HORIZONTAL', cards: [{ title: 'Cats', excerpt: 'Better', link: 'https://example.com/cats' }, { title: 'Dogs' }] },
              },
              { type: 'command', operation: 'LABEL', parameters: '[{"chatType": ["new chat"]},{"topic": ["travel","pricing"]}]' },
              { type: 'command', operation: 'GOTO', parameters: 'https://example.com/pricing' },
              { type: 'bogus' },
            ],
          },
        };
      }
      if (body.event === 'message' && body.text === 'Yes') {
        return {
          json: {
            content: [
              { type: 'command', operation: 'WIDGET_TRANSFER', parameters: '00000000-0000-4000-8000-000000000000' },
              { type: 'command', operation: 'TAG_TRANSFER', parameters: `${widget.id}` },
              { type: 'command', operation: 'TRANSFER', parameters: 'nobody@example.com' },
              { type: 'message', text: 'Still here.' },
            ],
          },
        };
      }
      if (body.event === 'message') return { json: { content: [{ type: 'message', text: 'Passing you on.' }, { type: 'command', operation: 'HUMAN_TRANSFER' }] } };
      return { json: {} };
    });

    const conversation = await startChat(widget.id);
    await settle();
    const [started] = requests();
    expect(bot.received[0]!.headers.authorization).toBe('bot-token');
    expect(started).toEqual({
      widget_id: widget.id,
      case_id: conversation.id,
      timestamp: expect.any(Number),
      event: 'chatStarted',
      text: 'Hi there',
      description: 'Hi there',
      email: 'vera@example.com',
      geo: { city: 'Boulder', region: 'CO', country_code: 'US' },
      user_agent: 'Mozilla/5.0',
      entry_url: 'https://example.com/',
      page_url: 'https://example.com/contact',
      ip_address: '71.56.219.144',
    });
    const afterGreeting = await transcript(conversation.id);
    const fromBot = afterGreeting.filter((m) => m.senderType === 'bot');
    expect(fromBot.map((m) => m.body)).toEqual(['I need to ask you a few questions...', 'Are you willing to travel?', 'Cats\nDogs', 'https://example.com/pricing']);
    expect(fromBot[1]!.content).toEqual({ buttons: [{ text: 'Yes', id: 'btn-123' }, { text: 'No' }] });
    expect(fromBot[2]!.content).toEqual({ cards: { layout: 'HORIZONTAL', items: [{ title: 'Cats', excerpt: 'Better', link: 'https://example.com/cats' }, { title: 'Dogs' }] } });
    expect(fromBot[3]!.content).toEqual({ event: { name: 'goto', data: { url: 'https://example.com/pricing' } } });
    const labels = (await getConversation(t.core, tenant.organizationId, conversation.id))!.labels;
    expect(labels).toEqual(expect.arrayContaining([{ name: 'chatType', value: 'new chat' }, { name: 'topic', value: 'travel' }, { name: 'topic', value: 'pricing' }]));

    // The visitor clicks "Yes": the bot learns the button's id, and gets its context_id back once.
    await postVisitorMessage(t.core, tenant.organizationId, conversation.id, conversation.contactId, 'Yes');
    await settle();
    expect(requests()[1]).toEqual({ widget_id: widget.id, case_id: conversation.id, timestamp: expect.any(Number), event: 'message', from: 'visitor', text: 'Yes', id: 'btn-123', context_id: 'ctx-1' });
    expect(requests()[2]).toEqual({
      widget_id: widget.id,
      case_id: conversation.id,
      timestamp: expect.any(Number),
      event: 'commandResult',
      failedCommands: [
        { operation: 'WIDGET_TRANSFER', params: '00000000-0000-4000-8000-000000000000', error: 'WIDGET_NOT_FOUND' },
        { operation: 'TAG_TRANSFER', params: widget.id, error: 'MISSING_PARAM' },
        { operation: 'TRANSFER', params: 'nobody@example.com', error: 'TRANSFER_NOT_ALLOWED' },
      ],
    });
    expect((await transcript(conversation.id)).at(-1)!.body).toBe('Still here.');

    await postVisitorMessage(t.core, tenant.organizationId, conversation.id, conversation.contactId, 'A person, please');
    await settle();
    expect(requests()[3]).toEqual({ widget_id: widget.id, case_id: conversation.id, timestamp: expect.any(Number), event: 'message', from: 'visitor', text: 'A person, please' });
    expect((await getConversation(t.core, tenant.organizationId, conversation.id))!.assignee).toEqual({ type: 'user', id: agent.id });
    // The bot is out of the chat: the visitor's next words go to the person only.
    await postVisitorMessage(t.core, tenant.organizationId, conversation.id, conversation.contactId, 'Hello?');
    await settle();
    expect(requests()).toHaveLength(4);
  });

  it('reports a transfer to a widget nobody can answer, ends the chat on BYE and tells the bot it closed', async () => {
    const emptyWidget = await createWidgetWith(t.core, tenant.organizationId, []);
    const { widget } = await botWidget((request) => {
      const body = JSON.parse(request.body);
      if (body.event === 'chatStarted') return { json: { content: [{ type: 'command', operation: 'WIDGET_HUMAN_TRANSFER', parameters: emptyWidget.id }] } };
      if (body.event === 'commandResult') return { json: { content: [{ type: 'message', text: 'Nobody there, sorry.' }, { type: 'command', operation: 'BYE' }] } };
      return { json: {} };
    });
    const conversation = await startChat(widget.id);
    await settle();
    expect(requests().map((r) => r.event)).toEqual(['chatStarted', 'commandResult', 'chatClosed']);
    expect(requests()[1]!.failedCommands).toEqual([{ operation: 'WIDGET_HUMAN_TRANSFER', params: emptyWidget.id, error: 'NO_AGENTS_AVAILABLE' }]);
    expect((await getConversation(t.core, tenant.organizationId, conversation.id))!.status).toBe('closed');
  });

  it('bans the visitor on BAN', async () => {
    const { widget } = await botWidget(() => ({ json: { content: [{ type: 'command', operation: 'BAN' }] } }));
    const conversation = await startChat(widget.id);
    await settle();
    expect((await getConversation(t.core, tenant.organizationId, conversation.id))!.status).toBe('closed');
    await expect(
      startConversation(t.core, tenant.organizationId, { widgetId: widget.id, contactId: conversation.contactId, message: 'again' }),
    ).rejects.toThrow(/may not start chats/);
  });

  it.each([
    ['times out', { delayMs: 2_500 }],
    ['answers 500', { status: 500 }],
    ['answers something that is not JSON', { json: 'not an object' }],
  ])('hands the chat to a person when the bot %s', async (_label, answer) => {
    const { agent, widget } = await botWidget(() => answer);
    const conversation = await startChat(widget.id);
    await settle();
    expect((await getConversation(t.core, tenant.organizationId, conversation.id))!.assignee).toEqual({ type: 'user', id: agent.id });
  });

  it('validates bot input and keeps the token write-only', async () => {
    for (const payload of [{ name: 'x', endpointUrl: 'ftp://bot' }, { name: '', endpointUrl: 'https://bot.example' }, { endpointUrl: 'https://bot.example' }]) {
      const response = await call(t.app, 'POST', '/bots', { credentials: bearer(tenant.apiKey), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const list = await call(t.app, 'GET', '/bots', { credentials: bearer(tenant.apiKey) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('bot-token');
    expect((await call(t.app, 'GET', '/bots/not-a-bot', { credentials: bearer(tenant.apiKey) })).statusCode).toBe(404);
  });
});
