import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import type { CloseReason, Conversation } from '../types.ts';
import { closeInTransaction, lockConversation } from './conversation-steps.ts';

/** Ends a conversation; closing one that is already closed changes nothing. */
export async function closeConversation(core: Core, organizationId: string, conversationId: string, closedBy: CloseReason): Promise<Conversation> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    if (row.status === 'closed') return toConversation(row);
    return toConversation(await closeInTransaction(tx, emit, row, closedBy));
  });
}
