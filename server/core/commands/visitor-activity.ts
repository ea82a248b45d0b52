import { updateConversationRow } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { lockConversation } from './conversation-steps.ts';

/** The visitor moved to another page of the site: kept as the conversation's current page and in the event log (page history). */
export async function recordPageView(core: Core, organizationId: string, conversationId: string, contactId: string, url: string, title?: string) {
  if (!/^https?:\/\//i.test(url) || url.length > 2048) throw invalid('url', 'url must be an http(s) URL of at most 2048 characters');
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    // Ownership before state: another visitor's chat must be "not found", not reveal that it is closed.
    const row = await lockConversation(tx, organizationId, conversationId, true);
    if (row.contactId !== contactId) throw notFound('conversation not found');
    if (row.status === 'closed') throw conflict('conversation is closed');
    await updateConversationRow(tx, row.id, { visitorContext: { ...row.visitorContext, pageUrl: url } });
    emit({
      type: 'visitor.page_viewed',
      organizationId,
      widgetId: row.widgetId,
      conversationId,
      payload: { conversationId, contactId, url, title: title?.slice(0, 300) ?? null },
    });
  });
}

/** The visitor's rating after the chat (NUMBER 1–10 or STAR 1–5 scales both fit 1–10). */
export async function rateConversation(core: Core, organizationId: string, conversationId: string, contactId: string, rating: number, comment?: string) {
  if (!Number.isInteger(rating) || rating < 1 || rating > 10) throw invalid('rating', 'rating must be an integer from 1 to 10');
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    if (row.contactId !== contactId) throw notFound('conversation not found');
    const ratingComment = comment?.trim().slice(0, 2000) || null;
    await updateConversationRow(tx, row.id, { rating, ratingComment });
    emit({ type: 'conversation.rated', organizationId, widgetId: row.widgetId, conversationId, payload: { conversationId, rating, comment: ratingComment } });
  });
}
