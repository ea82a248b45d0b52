import type { Conversation } from '../core/types.ts';

/**
 * A conversation as its visitor may see it: no labels, no visitor context
 * (their IP and the fields agents see), nothing about routing.
 */
export function visitorConversation(conversation: Conversation) {
  const { id, number, widgetId, status, source, assignee, createdAt, closedAt, closedBy } = conversation;
  return { id, number, widgetId, status, source, assignee, createdAt, closedAt, closedBy };
}
