import { stampMessages } from '../../db/repositories/messages.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid, notFound } from '../errors.ts';

export type Receipt = 'delivered' | 'read';
export type ChatSide = 'visitor' | 'agent';

/** Whose messages a side acknowledges: the visitor those of agents, bots and the system, agents the visitor's. */
const sendersSeenBy: Record<ChatSide, Array<'visitor' | 'agent' | 'bot' | 'system'>> = {
  visitor: ['agent', 'bot', 'system'],
  agent: ['visitor'],
};

/**
 * Receipts: one side's client has received (`delivered`) or shown (`read`) the other side's
 * messages up to `upToSeq`. Stamps those messages once and tells the other side; repeating a
 * receipt that stamps nothing new emits nothing, so chatty clients cost one cheap update.
 */
export async function markMessages(core: Core, organizationId: string, conversationId: string, side: ChatSide, receipt: Receipt, upToSeq: number) {
  if (!Number.isSafeInteger(upToSeq) || upToSeq < 1) throw invalid('upToSeq', 'upToSeq must be a positive integer');
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const stamped = await stampMessages(tx, { organizationId, conversationId, senders: sendersSeenBy[side], upToSeq, receipt });
    if (stamped === null) throw notFound('conversation not found');
    if (stamped.count === 0) return;
    const common = { organizationId, widgetId: stamped.widgetId, conversationId };
    if (receipt === 'read') emit({ ...common, type: 'messages.read', payload: { conversationId, reader: side, upToSeq } });
    else emit({ ...common, type: 'messages.delivered', payload: { conversationId, recipient: side, upToSeq } });
  });
}
