import { deleteLabel, insertLabel } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { requireText } from '../validation.ts';
import { lockConversation } from './conversation-steps.ts';

/** Adds a label value (a label name may carry several values, e.g. Topic: billing, refunds). */
export async function labelConversation(core: Core, organizationId: string, conversationId: string, name: string, value: string): Promise<void> {
  const labelName = requireText('name', name, 100);
  const labelValue = value.trim().slice(0, 500);
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    await insertLabel(tx, row.id, labelName, labelValue);
    emit({ type: 'conversation.labeled', organizationId, widgetId: row.widgetId, conversationId, payload: { conversationId, name: labelName, value: labelValue } });
  });
}

export async function unlabelConversation(core: Core, organizationId: string, conversationId: string, name: string, value: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    const removed = await deleteLabel(tx, row.id, name.trim(), value.trim());
    if (removed.length === 0) throw notFound('label not found on this conversation');
    emit({ type: 'conversation.unlabeled', organizationId, widgetId: row.widgetId, conversationId, payload: { conversationId, name: name.trim(), value: value.trim() } });
  });
}
