import { type BotCall, type BotProtocol, DomainError, isSuccess, postBody } from '../../kit.ts';
import { runItem } from './commands.ts';
import { chatClosedPayload, chatStartedPayload, clickedButtonId, commandResultPayload, messagePayload, type FailedCommand } from './payloads.ts';
import { parseBotReply } from './reply.ts';

/** A bot's answer may carry many messages and cards; more than this is not a chat answer. */
const MAX_REPLY_BYTES = 1_048_576;
/** commandResult answers that fail again are reported again, this many times at most (a bot looping on a failing transfer). */
const MAX_COMMAND_RESULTS = 2;

/**
 * `context_id` of a bot's last answer, per conversation: sent back with the next request,
 * then forgotten, as the reference describes. Kept in memory: after a restart the bot's
 * next request simply goes without it.
 */
const contexts = new Map<string, string>();

/**
 * SnapEngage's Bot API: chatStarted, message and chatClosed are POSTed to the bot with its
 * optional token in `Authorization`; the `content` of its answer is carried out in order;
 * transfers that cannot happen are reported back in a commandResult POST (whose answer is
 * carried out in turn).
 */
export const snapEngageBotProtocol: BotProtocol = {
  id: 'snapengage.bot-api',
  description: 'SnapEngage Bot API: chatStarted, message, chatClosed and commandResult POSTed as JSON; the answer\'s content (messages, buttons, cards, transfers, labels) is carried out',
  async handle(call) {
    const payload = await payloadFor(call);
    return (await exchange(call, payload)) ? 'answered' : 'failed';
  },
};

async function payloadFor(call: BotCall): Promise<Record<string, unknown>> {
  switch (call.trigger.kind) {
    case 'chat_started':
      return chatStartedPayload(call);
    case 'visitor_message':
      return messagePayload(call, call.trigger.message, await clickedButtonId(call, call.trigger.message));
    case 'chat_closed':
      return chatClosedPayload(call);
  }
}

/** One request and the carrying out of its answer; false when the bot gave no usable answer. */
async function exchange(call: BotCall, payload: Record<string, unknown>, commandResults = 0): Promise<boolean> {
  const contextId = contexts.get(call.conversationId);
  contexts.delete(call.conversationId);
  const body = JSON.stringify({ ...payload, ...(contextId && { context_id: contextId }) });
  const headers = { 'content-type': 'application/json', 'user-agent': 'Switchboard-Bots/1', ...(call.bot.token && { authorization: call.bot.token }) };
  const response = await postBody(new URL(call.bot.url), headers, body, { timeoutMs: call.timeoutMs, maxResponseBytes: MAX_REPLY_BYTES, allowPrivateTargets: call.allowPrivateTargets });
  if (!isSuccess(response)) return false;
  if (call.trigger.kind === 'chat_closed') return true;
  const reply = parseBotReply(response.responseText);
  if (!reply) return false;
  if (reply.contextId) contexts.set(call.conversationId, reply.contextId);

  const failed: FailedCommand[] = [];
  for (const item of reply.items) {
    try {
      const failure = await runItem(call, item);
      if (failure) failed.push(failure);
    } catch (error) {
      // The chat moved on under the bot (ended by BYE or BAN, or by the visitor): the rest is moot.
      if (error instanceof DomainError) break;
      throw error;
    }
  }
  if (failed.length > 0 && commandResults < MAX_COMMAND_RESULTS) await exchange(call, commandResultPayload(call, failed), commandResults + 1);
  return true;
}
