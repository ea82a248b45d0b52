import type { Executor } from '../../db/client.ts';
import type { Emit } from '../../db/unit-of-work.ts';
import { findConversationForUpdate, updateConversationRow, type ConversationRow } from '../../db/repositories/conversations.ts';
import { listMemberLoads } from '../queries/widget-availability.ts';
import { conflict, notFound } from '../errors.ts';
import { chooseMember, type RoutingRules } from '../routing.ts';
import type { Assignee, CloseReason } from '../types.ts';

/**
 * Steps shared by the conversation commands. Each runs inside the caller's
 * transaction and emits the events for what it changed.
 */

/** The conversation, locked for this transaction; closed ones only when `allowClosed`. */
export async function lockConversation(tx: Executor, organizationId: string, id: string, allowClosed = false) {
  const row = await findConversationForUpdate(tx, organizationId, id);
  if (!row) throw notFound('conversation not found');
  if (!allowClosed && row.status === 'closed') throw conflict('conversation is closed');
  return row;
}

export async function assignTo(
  tx: Executor,
  emit: Emit,
  row: ConversationRow,
  assignee: Assignee,
  by: 'routing' | 'agent' | 'transfer',
): Promise<ConversationRow> {
  const now = new Date();
  const updated = await updateConversationRow(tx, row.id, {
    status: 'open',
    assigneeUserId: assignee.type === 'user' ? assignee.id : null,
    assigneeBotId: assignee.type === 'bot' ? assignee.id : null,
    assignedAt: row.assignedAt ?? now,
    lastActivityAt: now,
  });
  emit({
    type: 'conversation.assigned',
    organizationId: row.organizationId,
    widgetId: row.widgetId,
    conversationId: row.id,
    ...(assignee.type === 'user' && { userId: assignee.id }),
    payload: { conversationId: row.id, widgetId: row.widgetId, assignee, by },
  });
  return updated;
}

/** Routes to the best available member of the conversation's widget, or leaves it queued. */
export async function routeConversation(
  tx: Executor,
  emit: Emit,
  row: ConversationRow,
  rules: RoutingRules,
  by: 'routing' | 'transfer',
): Promise<ConversationRow> {
  const member = chooseMember(await listMemberLoads(tx, row.widgetId), rules);
  if (member) {
    const assignee: Assignee = member.kind === 'user' ? { type: 'user', id: member.userId } : { type: 'bot', id: member.botId };
    return assignTo(tx, emit, row, assignee, by);
  }
  const queued = await updateConversationRow(tx, row.id, { status: 'queued', assigneeUserId: null, assigneeBotId: null });
  emit({
    type: 'conversation.queued',
    organizationId: row.organizationId,
    widgetId: row.widgetId,
    conversationId: row.id,
    payload: { conversationId: row.id, widgetId: row.widgetId, reason: by === 'transfer' ? 'transfer' : 'no_agent_available' },
  });
  return queued;
}

export async function closeInTransaction(tx: Executor, emit: Emit, row: ConversationRow, closedBy: CloseReason) {
  const closedAt = new Date();
  const updated = await updateConversationRow(tx, row.id, { status: 'closed', closedAt, closedBy, lastActivityAt: closedAt });
  const durationSeconds = Math.round((closedAt.getTime() - row.createdAt.getTime()) / 1000);
  emit({
    type: 'conversation.closed',
    organizationId: row.organizationId,
    widgetId: row.widgetId,
    conversationId: row.id,
    payload: { conversationId: row.id, widgetId: row.widgetId, closedBy, durationSeconds },
  });
  return updated;
}
