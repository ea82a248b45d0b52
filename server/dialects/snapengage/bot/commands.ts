import {
  banVisitor,
  type BotCall,
  closeConversation,
  getUserByEmail,
  getWidgetAvailability,
  labelConversation,
  listAvailableMembers,
  postBotMessage,
  transferConversation,
  type TransferTarget,
} from '../../kit.ts';
import type { FailedCommand } from './payloads.ts';
import type { BotItem } from './reply.ts';

type Command = Extract<BotItem, { type: 'command' }>;
type Outcome = FailedCommand['error'] | undefined;

/**
 * Carries out one item of the bot's answer through the core commands, as an agent's action
 * would. Returns the reason a transfer could not happen (the reference's commandResult
 * errors); every other command either works or is skipped.
 */
export async function runItem(call: BotCall, item: BotItem): Promise<FailedCommand | undefined> {
  const { core, bot, conversationId } = call;
  const organizationId = bot.organizationId;
  switch (item.type) {
    case 'message':
      await postBotMessage(core, organizationId, conversationId, bot.id, item.text, item.buttons.length > 0 ? { buttons: item.buttons } : undefined);
      return undefined;
    case 'cards':
      await postBotMessage(core, organizationId, conversationId, bot.id, item.cards.map((card) => card.title).join('\n'), {
        cards: { layout: item.layout, items: item.cards },
      });
      return undefined;
    case 'command': {
      const error = await runCommand(call, item);
      return error && { operation: item.operation, params: item.parameters, error };
    }
  }
}

async function runCommand(call: BotCall, command: Command): Promise<Outcome> {
  const { core, bot, conversationId } = call;
  const organizationId = bot.organizationId;
  const param = command.parameters;
  switch (command.operation) {
    case 'BAN':
      return void (await banVisitor(core, organizationId, conversationId, 'visitor', 'banned by bot'));
    case 'BAN_IP':
      return void (await banVisitor(core, organizationId, conversationId, 'ip', 'banned by bot'));
    case 'BYE':
      return void (await closeConversation(core, organizationId, conversationId, 'agent'));
    case 'GOTO':
      // The widget navigates on the `goto` event; the URL as text is the fallback any client shows.
      if (param) await postBotMessage(core, organizationId, conversationId, bot.id, param, { event: { name: 'goto', data: { url: param } } });
      return undefined;
    case 'LABEL':
      return void (await applyLabels(call, param));
    case 'TRANSFER':
      return transferToAgent(call, param);
    case 'HUMAN_TRANSFER':
      return transferToWidget(call, call.widgetId, { humanOnly: true });
    case 'WIDGET_TRANSFER':
      return param ? transferToWidget(call, param, {}) : 'MISSING_PARAM';
    case 'WIDGET_HUMAN_TRANSFER':
      return param ? transferToWidget(call, param, { humanOnly: true }) : 'MISSING_PARAM';
    case 'TAG_TRANSFER': {
      const { widgetId, tags } = parseTagTransfer(param);
      return widgetId && tags.length > 0 ? transferToWidget(call, widgetId, { tags }) : 'MISSING_PARAM';
    }
    default:
      return undefined;
  }
}

/** LABEL parameters are a JSON string: `[{"labelName": ["value1", "value2"]}, ...]`. */
async function applyLabels(call: BotCall, param: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(param);
  } catch {
    return;
  }
  if (!Array.isArray(parsed)) return;
  for (const entry of parsed) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [name, values] of Object.entries(entry as Record<string, unknown>)) {
      for (const value of Array.isArray(values) ? values : [values]) {
        if (typeof value === 'string' && value.trim() && name.trim()) await labelConversation(call.core, call.bot.organizationId, call.conversationId, name, value);
      }
    }
  }
}

/** TAG_TRANSFER parameters: `<widgetId> ["TAG1", "TAG2"]`. */
function parseTagTransfer(param: string): { widgetId: string; tags: string[] } {
  const [widgetId = '', ...rest] = param.split(/\s+/);
  try {
    const tags: unknown = JSON.parse(rest.join(' '));
    return { widgetId, tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [] };
  } catch {
    return { widgetId, tags: [] };
  }
}

async function transferToAgent(call: BotCall, email: string): Promise<Outcome> {
  if (!email) return 'MISSING_PARAM';
  const agent = await getUserByEmail(call.core, call.bot.organizationId, email.replace(/^wc:/i, ''));
  if (!agent || agent.disabled) return 'TRANSFER_NOT_ALLOWED';
  if (agent.presence !== 'online') return 'NO_AGENTS_AVAILABLE';
  await transferConversation(call.core, call.bot.organizationId, call.conversationId, { kind: 'agent', userId: agent.id });
  return undefined;
}

/**
 * A transfer to a widget happens only when someone there can take the chat now: the
 * reference reports an offline destination as NO_AGENTS_AVAILABLE instead of queueing.
 * A widget of another organization is reported as not found, never named.
 */
async function transferToWidget(call: BotCall, widgetId: string, rules: { humanOnly?: boolean; tags?: string[] }): Promise<Outcome> {
  const availability = await getWidgetAvailability(call.core, widgetId);
  if (!availability || availability.widget.organizationId !== call.bot.organizationId) return 'WIDGET_NOT_FOUND';
  if (!availability.online) return 'NO_AGENTS_AVAILABLE';
  const wanted = rules.tags?.map((tag) => tag.toLowerCase());
  const candidates = (await listAvailableMembers(call.core, widgetId))
    .filter((member) => !(rules.humanOnly && member.kind === 'bot'))
    .filter((member) => !(member.kind === 'bot' && member.botId === call.bot.id))
    .filter((member) => !wanted || member.tags.some((tag) => wanted.includes(tag.toLowerCase())));
  if (candidates.length === 0) return 'NO_AGENTS_AVAILABLE';
  const target: TransferTarget = rules.tags ? { kind: 'tags', widgetId, tags: rules.tags } : { kind: 'widget', widgetId, humanOnly: rules.humanOnly === true };
  await transferConversation(call.core, call.bot.organizationId, call.conversationId, target);
  return undefined;
}
