import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import type { BotCall, BotProtocol } from '../../core/bot-protocol.ts';
import { createBot, updateBot } from '../../core/commands/save-bot.ts';
import { postVisitorMessage } from '../../core/commands/post-message.ts';
import { startConversation } from '../../core/commands/start-conversation.ts';
import { getConversation } from '../../core/queries/conversations.ts';
import { createAgent, createWidgetWith } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { startBotRunner, type BotRunner } from '../bot-runner.ts';
import { FAST_WEBHOOKS } from './webhook-test-kit.ts';

/**
 * The runner speaks to each bot in the protocol the bot records. Two protocols of this test's
 * own stand in for dialects'; they only note what they were asked and answer.
 */
const { t, tenant } = useTestApp({ tenants: 1 });
const config = loadConfig(FAST_WEBHOOKS);
let runner: BotRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

interface Heard {
  botId: string;
  kind: BotCall['trigger']['kind'];
}

function recordingProtocol(id: string): BotProtocol & { heard: Heard[] } {
  const heard: Heard[] = [];
  return {
    id,
    description: `test protocol ${id}`,
    heard,
    handle: async (call) => {
      heard.push({ botId: call.bot.id, kind: call.trigger.kind });
      return 'answered';
    },
  };
}

/** A widget whose bot (first, so it takes chats) speaks `protocol`, with an online person behind it. */
async function botWidget(protocol: string) {
  const bot = await createBot(t.core, tenant.organizationId, { name: `Bot ${protocol}`, endpointUrl: 'https://bot.example.com/hook', protocol }, config.webhooks);
  const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ botId: bot.id }, { userId: agent.id }]);
  return { bot, agent, widget };
}

async function startChat(widgetId: string) {
  return (await startConversation(t.core, tenant.organizationId, { widgetId, visitor: { email: 'vera@example.com' }, message: 'Hi' })).conversation;
}

async function settle() {
  await runner!.drained();
  await runner!.drained();
}

const assigneeOf = async (conversationId: string) => (await getConversation(t.core, tenant.organizationId, conversationId))!.assignee;

describe('bot protocols', () => {
  it('calls the protocol each bot records, and follows a change of it', async () => {
    const first = recordingProtocol('test.first');
    const second = recordingProtocol('test.second');
    const { bot, widget } = await botWidget('test.second');
    runner = startBotRunner(t.core, config, new Map([first, second].map((p) => [p.id, p])), (error) => console.error(error));
    await runner.drained();

    const conversation = await startChat(widget.id);
    await settle();
    expect(second.heard).toEqual([{ botId: bot.id, kind: 'chat_started' }]);
    expect(first.heard).toEqual([]);
    expect(await assigneeOf(conversation.id)).toEqual({ type: 'bot', id: bot.id });

    await updateBot(t.core, tenant.organizationId, bot.id, { protocol: 'test.first' }, config.webhooks);
    await postVisitorMessage(t.core, tenant.organizationId, conversation.id, conversation.contactId, 'Still there?');
    await settle();
    expect(first.heard).toEqual([{ botId: bot.id, kind: 'visitor_message' }]);
    expect(second.heard).toHaveLength(1);
  });

  it('hands the chats of a bot whose protocol no dialect provides to people, logs it once, and goes on serving the other bots', async () => {
    const known = recordingProtocol('test.known');
    const errors: unknown[] = [];
    const orphan = await botWidget('gone.protocol');
    const served = await botWidget('test.known');
    runner = startBotRunner(t.core, config, new Map([[known.id, known]]), (error) => errors.push(error));
    await runner.drained();

    const lost = [await startChat(orphan.widget.id), await startChat(orphan.widget.id)];
    const kept = await startChat(served.widget.id);
    await settle();
    for (const conversation of lost) expect(await assigneeOf(conversation.id)).toEqual({ type: 'user', id: orphan.agent.id });
    expect(await assigneeOf(kept.id)).toEqual({ type: 'bot', id: served.bot.id });
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain(`bot ${orphan.bot.id} speaks protocol "gone.protocol", which no dialect provides`);

    // The runner is still reading: the bot that can be reached hears the visitor.
    await postVisitorMessage(t.core, tenant.organizationId, kept.id, kept.contactId, 'Hello?');
    await settle();
    expect(known.heard).toEqual([
      { botId: served.bot.id, kind: 'chat_started' },
      { botId: served.bot.id, kind: 'visitor_message' },
    ]);
    expect(errors).toHaveLength(1);
  });
});
