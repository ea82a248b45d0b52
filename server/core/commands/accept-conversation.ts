import { findUserById } from '../../db/repositories/users.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { conflict, notFound } from '../errors.ts';
import type { Conversation } from '../types.ts';
import { assignTo, lockConversation } from './conversation-steps.ts';

/** An agent takes a waiting conversation. Taking one already assigned to someone else is refused. */
export async function acceptConversation(core: Core, organizationId: string, conversationId: string, userId: string): Promise<Conversation> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId);
    if (!(await findUserById(tx, organizationId, userId))) throw notFound('user not found');
    if (row.assigneeUserId === userId) return toConversation(row);
    if (row.status === 'open' && row.assigneeUserId !== null) throw conflict('conversation is already taken by another agent');
    return toConversation(await assignTo(tx, emit, row, { type: 'user', id: userId }, 'agent'));
  });
}
