import { updateConversationRow } from '../../db/repositories/conversations.ts';
import { findTeam } from '../../db/repositories/teams.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { notFound } from '../errors.ts';
import type { Conversation } from '../types.ts';
import { lockConversation } from './conversation-steps.ts';

/**
 * Hands a conversation to a team of the organization, or to none (`null`); closed ones too, as
 * Chatwoot allows. The assignee stays: routing is by widget membership, not by team. Emits
 * `conversation.updated` with `team` when the team changed, nothing otherwise.
 */
export async function assignConversationTeam(core: Core, organizationId: string, conversationId: string, teamId: string | null): Promise<Conversation> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    if (teamId !== null && !(await findTeam(tx, organizationId, teamId))) throw notFound('team not found');
    if (row.teamId === teamId) return toConversation(row);
    const updated = await updateConversationRow(tx, row.id, { teamId });
    emit({ type: 'conversation.updated', organizationId, widgetId: row.widgetId, conversationId, payload: { conversationId, changes: ['team'] } });
    return toConversation(updated);
  });
}
