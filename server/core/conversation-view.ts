import type { ConversationLabel, ConversationRow } from '../db/repositories/conversations.ts';
import type { MessageRow } from '../db/repositories/messages.ts';
import type { Conversation, MessageView } from './types.ts';

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;

/** Row to domain conversation, with the timings a live-chat report needs. */
export function toConversation(row: ConversationRow, labels: ConversationLabel[] = []): Conversation {
  return {
    id: row.id,
    number: row.number,
    organizationId: row.organizationId,
    widgetId: row.widgetId,
    contactId: row.contactId,
    status: row.status,
    source: row.source,
    assignee: row.assigneeUserId
      ? { type: 'user', id: row.assigneeUserId }
      : row.assigneeBotId
        ? { type: 'bot', id: row.assigneeBotId }
        : null,
    teamId: row.teamId,
    visitorContext: row.visitorContext,
    language: row.language,
    labels: labels.filter((l) => l.conversationId === row.id).map((l) => ({ name: l.name, value: l.value })),
    customAttributes: row.customAttributes,
    priority: row.priority,
    createdAt: row.createdAt,
    assignedAt: row.assignedAt,
    firstResponseAt: row.firstResponseAt,
    lastActivityAt: row.lastActivityAt,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    rating: row.rating,
    ratingComment: row.ratingComment,
    waitSeconds: seconds(row.createdAt, row.assignedAt),
    firstResponseSeconds: seconds(row.createdAt, row.firstResponseAt),
    durationSeconds: seconds(row.createdAt, row.closedAt),
  };
}

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    seq: row.seq,
    conversationId: row.conversationId,
    senderType: row.senderType,
    senderId: row.senderUserId ?? row.senderBotId,
    senderName: row.senderName,
    kind: row.kind,
    body: row.body,
    content: (row.content as Record<string, unknown> | null) ?? null,
    private: row.private,
    createdAt: row.createdAt.toISOString(),
  };
}
