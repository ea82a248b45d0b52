import type { Conversation } from '../../kit.ts';

/**
 * Conversation status, ours ↔ Chatwoot's, in this one place (research/chatwoot.md §2.3).
 *
 * Chatwoot's `open` is every conversation agents work on, assigned or not: our `queued` (waiting
 * for an agent) and `open` (assigned). `resolved` is our `closed`. We have no `pending` (a bot
 * holds it) or `snoozed` (hidden until a time): no conversation is ever shown in them, and a
 * request to set them is refused (the routes say so in Chatwoot's 422 shape).
 */
export const chatwootStatuses = ['open', 'resolved', 'pending', 'snoozed'] as const;
export type ChatwootStatus = (typeof chatwootStatuses)[number];

type OurStatus = Conversation['status'];

export function chatwootStatusOf(status: OurStatus): ChatwootStatus {
  return status === 'closed' ? 'resolved' : 'open';
}

/** Our statuses a Chatwoot list filter means; `all` means no filter (undefined). */
export function statusesMatching(filter: ChatwootStatus | 'all'): OurStatus[] | undefined {
  switch (filter) {
    case 'all':
      return undefined;
    case 'open':
      return ['queued', 'open'];
    case 'resolved':
      return ['closed'];
    case 'pending':
    case 'snoozed':
      return [];
  }
}

/** Chatwoot's message delivery status, from our receipts: a message the other side read is `read`, and so on. */
export type ChatwootMessageStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** A message's status from the receipts of the other side's client. */
export function messageStatusOf(receipts: { deliveredAt: Date | null; readAt: Date | null }): ChatwootMessageStatus {
  return receipts.readAt ? 'read' : receipts.deliveredAt ? 'delivered' : 'sent';
}
