import type { Config } from '../config/config.ts';
import type { BotEndpoint, BotProtocol, BotTrigger } from '../core/bot-protocol.ts';
import { transferConversation } from '../core/commands/transfer-conversation.ts';
import type { Core } from '../core/context.ts';
import { DomainError } from '../core/errors.ts';
import type { EventMap, StoredEvent } from '../core/events.ts';
import type { Assignee } from '../core/types.ts';
import { getAssigneesAt } from '../core/queries/assignee-at.ts';
import { getBotEndpoint } from '../core/queries/bots.ts';
import { startOutboxConsumer, type OutboxConsumer } from './outbox-consumer.ts';
import type { OutboxPage } from './outbox-reader.ts';

/** Events read per pass; each conversation's are handled in order, conversations side by side. */
const PAGE_SIZE = 200;

export type BotRunner = OutboxConsumer;

interface BotWork {
  botId: string;
  trigger: BotTrigger;
  event: StoredEvent;
  conversationId: string;
  widgetId: string;
}

/**
 * Drives bot members: reads the outbox (its own cursor, so a restart resumes where it stopped)
 * and tells the assigned bot, through the protocol it records (`protocols`, by id: every
 * dialect's in the server, whatever a test passes), that its chat started, that the visitor
 * wrote, or that the chat ended. A bot that does not answer usably, or whose protocol no
 * dialect provides, hands the chat to a person of the widget (queued when nobody is free)
 * instead of leaving the visitor alone.
 */
export function startBotRunner(core: Core, config: Pick<Config, 'webhooks'>, protocols: ReadonlyMap<string, BotProtocol>, onError: (error: unknown) => void): BotRunner {
  /** `<bot>:<protocol>` pairs already reported as unreachable: one log line per bot, not one per chat message. */
  const reportedUnknown = new Set<string>();
  async function handlePage(page: OutboxPage) {
    const assignees = await getAssigneesAt(core, page.events.filter(needsAssignee));
    const work = page.events.map((event) => workFor(event, assignees)).filter((w): w is BotWork => w !== undefined);
    const byConversation = new Map<string, BotWork[]>();
    for (const item of work) {
      const items = byConversation.get(item.conversationId);
      if (items) items.push(item);
      else byConversation.set(item.conversationId, [item]);
    }
    // Each conversation's events in order; conversations side by side.
    await Promise.all(
      [...byConversation.values()].map(async (items) => {
        for (const item of items) await handle(item).catch(onError);
      }),
    );
  }

  async function handle(work: BotWork) {
    const bot = await getBotEndpoint(core, work.event.organizationId, work.botId);
    const protocol = bot && protocolOf(bot);
    const { timeoutMs, allowPrivateTargets } = config.webhooks;
    const outcome =
      bot && protocol
        ? await protocol.handle({ core, bot, conversationId: work.conversationId, widgetId: work.widgetId, trigger: work.trigger, event: work.event, timeoutMs, allowPrivateTargets })
        : 'failed';
    if (outcome === 'failed' && work.trigger.kind !== 'chat_closed') await handToPerson(work);
  }

  /** A protocol that is gone (its dialect removed, a row written by hand) makes the bot unreachable, not the runner. */
  function protocolOf(bot: BotEndpoint): BotProtocol | undefined {
    const protocol = protocols.get(bot.protocol);
    const key = `${bot.id}:${bot.protocol}`;
    if (!protocol && !reportedUnknown.has(key)) {
      reportedUnknown.add(key);
      onError(new Error(`bot ${bot.id} speaks protocol "${bot.protocol}", which no dialect provides; its chats go to people`));
    }
    return protocol;
  }

  async function handToPerson(work: BotWork) {
    try {
      await transferConversation(core, work.event.organizationId, work.conversationId, { kind: 'widget', widgetId: work.widgetId, humanOnly: true });
    } catch (error) {
      // Already closed or gone: nobody is waiting any more.
      if (!(error instanceof DomainError)) throw error;
    }
  }

  // Bots answer live chats: on the first start they begin with what happens next, not with the history.
  return startOutboxConsumer(core, { name: 'bots', pageSize: PAGE_SIZE, pollMs: config.webhooks.pollMs, startAtEnd: true, handlePage, onError });
}

/** Events whose bot is whoever had the conversation at that moment: the visitor's messages and the close. */
function needsAssignee(event: StoredEvent): event is StoredEvent & { conversationId: string } {
  if (!event.conversationId) return false;
  if (event.type === 'conversation.closed') return true;
  return event.type === 'message.created' && (event.payload as EventMap['message.created']).message.senderType === 'visitor' && Boolean(event.widgetId);
}

/** Which bot an event concerns, and as what; undefined for everything bots are not told about. */
function workFor(event: StoredEvent, assigneesAt: ReadonlyMap<number, Assignee | null>): BotWork | undefined {
  const conversationId = event.conversationId;
  if (!conversationId) return undefined;
  const base = { event, conversationId };
  const assignee = assigneesAt.get(event.id);
  switch (event.type) {
    case 'conversation.assigned': {
      const { assignee: to, widgetId } = event.payload as EventMap['conversation.assigned'];
      return to.type === 'bot' ? { ...base, botId: to.id, widgetId, trigger: { kind: 'chat_started' } } : undefined;
    }
    case 'message.created': {
      const { message } = event.payload as EventMap['message.created'];
      return assignee?.type === 'bot' && event.widgetId ? { ...base, botId: assignee.id, widgetId: event.widgetId, trigger: { kind: 'visitor_message', message } } : undefined;
    }
    case 'conversation.closed': {
      const { widgetId } = event.payload as EventMap['conversation.closed'];
      return assignee?.type === 'bot' ? { ...base, botId: assignee.id, widgetId, trigger: { kind: 'chat_closed' } } : undefined;
    }
    default:
      return undefined;
  }
}
