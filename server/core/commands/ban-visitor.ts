import { insertBan } from '../../db/repositories/contacts.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { closeInTransaction, lockConversation } from './conversation-steps.ts';

/**
 * Bans the visitor of a conversation, by their visitor identity (cookie) or by
 * the IP they chatted from, and ends the conversation. Banned visitors cannot start chats.
 */
export async function banVisitor(core: Core, organizationId: string, conversationId: string, kind: 'visitor' | 'ip', reason?: string) {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    const value = kind === 'visitor' ? row.contactId : row.visitorContext.ip;
    if (!value) throw invalid('kind', 'the visitor IP of this conversation is unknown');
    const ban = await insertBan(tx, { organizationId, kind, value, reason: reason ?? null });
    if (ban) emit({ type: 'visitor.banned', organizationId, conversationId, payload: { banId: ban.id, kind, value } });
    if (row.status !== 'closed') await closeInTransaction(tx, emit, row, 'agent');
  });
}
