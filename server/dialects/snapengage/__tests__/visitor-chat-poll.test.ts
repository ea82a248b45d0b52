import { describe, expect, it } from 'vitest';
import { closeConversation } from '../../../core/commands/close-conversation.ts';
import { postAgentMessage, postSystemMessage } from '../../../core/commands/post-message.ts';
import { transferConversation } from '../../../core/commands/transfer-conversation.ts';
import { waitTimeNotice } from '../../../core/system-notices.ts';
import type { EphemeralEvent } from '../../../events/event-bus.ts';
import type { User } from '../../../core/types.ts';
import { createAgent } from '../../../test/factories.ts';
import { error, ok } from './provisioning-client.ts';
import { caseIdOf, staffedWidget, UNKNOWN_ID, useVisitorChatApp, withoutAllow } from './visitor-chat-client.ts';

/**
 * Visitor Chat API `GET /api/v1/chat/poll/{caseId}?index=&isTyping=`: the agent's side as
 * SnapEngage's numbered lines. Indices count every line from 0, the visitor's own included,
 * so they never move; the visitor's lines are left out of answers, hence the gaps.
 */

const { t, other, org, send } = useVisitorChatApp();

async function poll(caseId: string, query: Record<string, string> = {}) {
  return withoutAllow(await send('GET', `/api/v1/chat/poll/${caseId}`, { query }));
}

/** The lines of a 200 answer. */
async function linesFrom(caseId: string, index = 0) {
  const reply = await poll(caseId, { index: String(index) });
  expect(reply.status).toBe(200);
  return (reply.body as { messageList: unknown[] }).messageList;
}

/** A chat started through the API with a first message, routed to the widget's online agent. */
async function chatWithAgent(): Promise<{ caseId: string; agent: User }> {
  const { agent, widget } = await staffedWidget(t.core, org());
  const reply = await send('POST', '/api/v1/chat', { query: { widgetId: widget.id, visitorMessage: 'hello' } });
  return { caseId: caseIdOf(reply), agent };
}

const visitorSays = (caseId: string, messageBody: string) => send('PUT', '/api/v1/chat', { query: { caseId, messageType: '1', messageBody } });
const joined = (index: number, alias: string) => [
  { index, type: 'system', author: alias, text: `/NIC ${alias} ` },
  { index: index + 1, type: 'system', author: alias, text: '/CAL 1 ' },
];
const agentLine = (index: number, alias: string, text: string) => ({ index, type: 'agent', author: alias, text: `${text} ` });
const infoLine = (index: number, html: string) => ({ index, type: 'system', author: '', text: `/NFO ${html}<br> ` });

describe('GET /api/v1/chat/poll/{caseId}', () => {
  it('a chat like the reference’s sample: agent joins, both sides write; the visitor’s lines take indices 0 and 4', async () => {
    const { caseId, agent } = await chatWithAgent();
    await postAgentMessage(t.core, org(), caseId, agent.id, 'hi');
    await visitorSays(caseId, 'I need help finding shoes!');
    await postAgentMessage(t.core, org(), caseId, agent.id, 'Ok, I can help you with that!');

    const reply = await poll(caseId, { index: '0', isTyping: 'false' });
    expect(reply).toEqual(
      ok({
        caseId,
        messageList: [...joined(1, agent.name), agentLine(3, agent.name, 'hi'), agentLine(5, agent.name, 'Ok, I can help you with that!')],
        agentTyping: false,
      }),
    );
    expect(Object.keys(reply.body as object)).toEqual(['caseId', 'messageList', 'agentTyping']);
    expect(Object.keys((reply.body as { messageList: object[] }).messageList[0]!)).toEqual(['index', 'type', 'author', 'text']);
  });

  it('index and isTyping are optional (index 0), and isTyping=true is accepted', async () => {
    const { caseId, agent } = await chatWithAgent();
    const everything = ok({ caseId, messageList: joined(1, agent.name), agentTyping: false });
    expect(await poll(caseId)).toEqual(everything);
    expect(await poll(caseId, { isTyping: 'true' })).toEqual(everything);
  });

  it('returns the lines from `index` on, and a line keeps its index as the chat goes on', async () => {
    const { caseId, agent } = await chatWithAgent();
    await postAgentMessage(t.core, org(), caseId, agent.id, 'first');
    const before = await linesFrom(caseId);
    await visitorSays(caseId, 'thanks');
    await postAgentMessage(t.core, org(), caseId, agent.id, 'second');

    expect((await linesFrom(caseId)).slice(0, before.length)).toEqual(before);
    expect(await linesFrom(caseId, 3)).toEqual([agentLine(3, agent.name, 'first'), agentLine(5, agent.name, 'second')]);
    expect(await linesFrom(caseId, 4)).toEqual([agentLine(5, agent.name, 'second')]);
    expect(await linesFrom(caseId, 6)).toEqual([]);
    expect(await linesFrom(caseId, 1_000)).toEqual([]);
  });

  it('leaves internal notes out without spending an index on them', async () => {
    const { caseId, agent } = await chatWithAgent();
    await postAgentMessage(t.core, org(), caseId, agent.id, 'before');
    await postAgentMessage(t.core, org(), caseId, agent.id, 'visitor seems lost', { private: true });
    await postAgentMessage(t.core, org(), caseId, agent.id, 'after');
    expect(await linesFrom(caseId, 3)).toEqual([agentLine(3, agent.name, 'before'), agentLine(4, agent.name, 'after')]);
  });

  it('announces each agent who takes the chat: a transfer gives a second /NIC, /CAL 1 pair', async () => {
    const { caseId, agent } = await chatWithAgent();
    const colleague = await createAgent(t.core, org(), { presence: 'online' });
    await transferConversation(t.core, org(), caseId, { kind: 'agent', userId: colleague.id });
    await postAgentMessage(t.core, org(), caseId, colleague.id, 'I am taking over');
    expect(await linesFrom(caseId)).toEqual([...joined(1, agent.name), ...joined(3, colleague.name), agentLine(5, colleague.name, 'I am taking over')]);
  });

  it('system notices: /NFO with our text HTML-escaped, and wait-time notices as /SYS WAGT exactly as the sample encodes them', async () => {
    const { caseId } = await chatWithAgent();
    await postSystemMessage(t.core, org(), caseId, 'Just a moment... <b>really</b> & "soon"');
    const sorry =
      "Sorry for the delay. We're working on getting to you as quickly as possible. If you need to run, please feel free to [leave us a message]";
    await postSystemMessage(t.core, org(), caseId, sorry, waitTimeNotice(6));
    expect(await linesFrom(caseId, 3)).toEqual([
      infoLine(3, 'Just a moment... &lt;b&gt;really&lt;/b&gt; &amp; &quot;soon&quot;'),
      {
        index: 4,
        type: 'system',
        author: '',
        // Copied from the reference's sample answer.
        text: '/SYS WAGT 6%2CSorry%2520for%2520the%2520delay.%2520We%27re%2520working%2520on%2520getting%2520to%2520you%2520as%2520quickly%2520as%2520possible.%2520If%2520you%2520need%2520to%2520run%2C%2520please%2520feel%2520free%2520to%2520%5Bleave%2520us%2520a%2520message%5D ',
      },
    ]);
  });

  it('tells how the chat ended: by the agent, by the visitor (PUT messageType=2), or offline', async () => {
    const byAgent = await chatWithAgent();
    await closeConversation(t.core, org(), byAgent.caseId, 'agent');
    expect(await linesFrom(byAgent.caseId, 3)).toEqual([infoLine(3, 'The agent has ended the chat.')]);

    const byVisitor = await chatWithAgent();
    await send('PUT', '/api/v1/chat', { query: { caseId: byVisitor.caseId, messageType: '2' } });
    expect(await linesFrom(byVisitor.caseId, 3)).toEqual([infoLine(3, 'You have ended the chat.')]);

    const { widget } = await staffedWidget(t.core, org());
    const offline = await send('POST', '/api/v1/chat', { query: { widgetId: widget.id, isOffline: 'true', visitorMessage: 'call me' } });
    const offlineCase = caseIdOf(offline);
    expect(await linesFrom(offlineCase)).toEqual([infoLine(1, 'No agent is available right now. We have received your message.')]);
  });

  it('isTyping=true raises a visitor.typing signal for the agent side; agentTyping follows the agent’s typing signals', async () => {
    const { caseId } = await chatWithAgent();
    const signals: EphemeralEvent[] = [];
    const unsubscribe = t.core.bus.subscribeEphemeral((signal) => void signals.push(signal));
    await poll(caseId, { isTyping: 'true' });
    await poll(caseId, { isTyping: 'false' });
    const agentTyping = async (isTyping: boolean) => {
      t.core.bus.publishEphemeral({ type: 'agent.typing', organizationId: org(), conversationId: caseId, payload: { conversationId: caseId, userId: 'u', isTyping } });
      await new Promise((resolve) => setTimeout(resolve, 0));
      return ((await poll(caseId)).body as { agentTyping: boolean }).agentTyping;
    };
    expect([await agentTyping(true), await agentTyping(false)]).toEqual([true, false]);
    unsubscribe();
    const visitorTyping = (isTyping: boolean) => ({ type: 'visitor.typing', organizationId: org(), conversationId: caseId, payload: { conversationId: caseId, isTyping, preview: '' } });
    expect(signals.filter((signal) => signal.type === 'visitor.typing')).toEqual([visitorTyping(true), visitorTyping(false)]);
  });

  it('is not taken for GET /api/v1/chat/{widgetId} (widget availability)', async () => {
    const { caseId } = await chatWithAgent();
    expect((await send('GET', `/api/v1/chat/poll/${caseId}`)).body).toMatchObject({ caseId, agentTyping: false });
  });

  it('400 naming the parameter when index is not a whole number from 0 or isTyping is not a boolean', async () => {
    const { caseId } = await chatWithAgent();
    const cases: Array<[Record<string, string>, string]> = [
      [{ index: 'x' }, 'index must be of type integer'],
      [{ index: '1.5' }, 'index must be of type integer'],
      [{ index: '-1' }, 'index must be at least 0'],
      [{ isTyping: 'maybe' }, 'isTyping must be of type boolean'],
    ];
    for (const [query, message] of cases) expect(await poll(caseId, query)).toEqual(error(400, message));
  });

  it('404 with an empty body for an unknown, malformed or other organization’s case', async () => {
    const { widget: foreign } = await staffedWidget(t.core, other.organizationId);
    const started = await send('POST', '/api/v1/chat', { query: { widgetId: foreign.id }, key: other.apiKey });
    const foreignCase = caseIdOf(started);
    expect((await send('GET', `/api/v1/chat/poll/${foreignCase}`, { key: other.apiKey })).status).toBe(200);
    for (const caseId of [UNKNOWN_ID, 'not-a-uuid', foreignCase]) expect(await poll(caseId)).toEqual({ status: 404, body: '' });
  });
});
