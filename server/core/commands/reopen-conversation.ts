import { updateConversationRow } from '../../db/repositories/conversations.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { conflict } from '../errors.ts';
import type { Conversation } from '../types.ts';
import { lockConversation, routeConversation } from './conversation-steps.ts';

/**
 * Takes a resolved conversation up again, as Chatwoot does when an API inbox's contact writes into
 * it or an agent reopens it: it is routed like a new one (an available member, or the queue) and
 * keeps its number, messages and labels. Only channels run by a backend reopen: a web widget's
 * visitor starts a new chat instead, since the widget has already shown the chat as ended.
 * Reopening an open conversation changes nothing.
 */
export async function reopenConversation(core: Core, organizationId: string, conversationId: string): Promise<Conversation> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    if (row.status !== 'closed') return toConversation(row);
    const widget = await findWidget(tx, organizationId, row.widgetId);
    if (!widget || widget.channelType === 'web_widget') throw conflict('conversation is closed');
    const reopened = await updateConversationRow(tx, row.id, { status: 'queued', closedAt: null, closedBy: null, lastActivityAt: new Date() });
    emit({ type: 'conversation.reopened', organizationId, widgetId: row.widgetId, conversationId: row.id, payload: { conversationId: row.id, widgetId: row.widgetId } });
    return toConversation(await routeConversation(tx, emit, reopened, {}, 'routing'));
  });
}
