import { findMessageBySeq, rewriteMessage } from '../../db/repositories/conversation-lookup.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import type { Core } from '../context.ts';
import { toMessageView } from '../conversation-view.ts';
import { notFound } from '../errors.ts';
import type { MessageView } from '../types.ts';
import { lockConversation } from './conversation-steps.ts';

/**
 * Withdraws a message (an integration's delete): its text and file reference are cleared and
 * `deletedAt` set, so every client shows it as deleted; the row stays, so the order and the
 * transcript keep their place. Withdrawing it again changes nothing. Emits `message.updated`.
 */
export async function deleteMessage(core: Core, organizationId: string, conversationId: string, seq: number): Promise<MessageView> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const conversation = await lockConversation(tx, organizationId, conversationId, true);
    const row = await findMessageBySeq(tx, conversation.id, seq);
    if (!row) throw notFound('message not found');
    const content = (row.content ?? {}) as MessageContent;
    if (content.deletedAt) return toMessageView(row);
    const { attachment: _file, ...kept } = content;
    const updated = await rewriteMessage(tx, row.id, { body: '', content: { ...kept, deletedAt: new Date().toISOString() } });
    const message = toMessageView(updated!);
    emit({ type: 'message.updated', organizationId, widgetId: conversation.widgetId, conversationId, payload: { message, changes: ['deleted'] } });
    return message;
  });
}
