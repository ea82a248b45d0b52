import { findUserById } from '../../db/repositories/users.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import { updateConversationRow } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { invalid } from '../errors.ts';
import type { Assignee, Conversation, TransferTarget } from '../types.ts';
import { assignTo, lockConversation, routeConversation } from './conversation-steps.ts';

/**
 * Hands a conversation on: to a named agent, to another widget (routed among its
 * members; `humanOnly` skips bots), or to the members of a widget with given tags.
 * When nobody there can take it, it waits in that widget's queue.
 */
export async function transferConversation(
  core: Core,
  organizationId: string,
  conversationId: string,
  target: TransferTarget,
): Promise<Conversation> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    let row = await lockConversation(tx, organizationId, conversationId);
    const from: Assignee | null = row.assigneeUserId
      ? { type: 'user', id: row.assigneeUserId }
      : row.assigneeBotId
        ? { type: 'bot', id: row.assigneeBotId }
        : null;
    const toWidgetId = target.kind === 'agent' ? row.widgetId : target.widgetId;
    if (target.kind === 'agent') {
      const agent = await findUserById(tx, organizationId, target.userId);
      if (!agent || agent.disabledAt) throw invalid('target.userId', 'target.userId names no active agent');
    } else if (!(await findWidget(tx, organizationId, toWidgetId))) {
      throw invalid('target.widgetId', 'target.widgetId names no widget');
    }
    emit({
      type: 'conversation.transferred',
      organizationId,
      widgetId: toWidgetId,
      conversationId,
      payload: { conversationId, fromWidgetId: row.widgetId, toWidgetId, from, target },
    });
    if (toWidgetId !== row.widgetId) row = await updateConversationRow(tx, row.id, { widgetId: toWidgetId });
    if (target.kind === 'agent') return toConversation(await assignTo(tx, emit, row, { type: 'user', id: target.userId }, 'transfer'));
    const rules = {
      excludeUserId: row.assigneeUserId,
      humanOnly: target.kind === 'tags' || (target.kind === 'widget' && target.humanOnly === true),
      ...(target.kind === 'tags' && { tags: target.tags }),
    };
    return toConversation(await routeConversation(tx, emit, row, rules, 'transfer'));
  });
}
