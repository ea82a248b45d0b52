import type { MessageContent } from '../../db/schema/index.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { MessageView } from '../types.ts';
import { normalizeEmail } from '../validation.ts';
import { appendMessage, lockConversation } from './conversation-steps.ts';

/** `content.event.name` of the notice that records a transcript request (see system-notices.ts for the pattern). */
export const TRANSCRIPT_REQUESTED = 'transcript_requested';

/** Who asks: the visitor behind a widget's token, in their own conversation. */
export interface VisitorRef {
  organizationId: string;
  contactId: string;
}

const NOTE_MAX = 2_000;

/**
 * The visitor asks for the transcript by e-mail, during or after the chat. The request is stored
 * as a system notice in the conversation (`content.event` = transcript_requested, `data.email`),
 * which agents and the event log see. Sending it is integrations/transcript-mailer.ts's job: it
 * follows that `message.created` event when SMTP is configured.
 */
export async function requestTranscript(core: Core, visitor: VisitorRef, conversationId: string, email: string): Promise<MessageView> {
  const address = normalizeEmail('email', email);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, visitor.organizationId, conversationId, true);
    if (row.contactId !== visitor.contactId) throw notFound('conversation not found');
    const event: NonNullable<MessageContent['event']> = { name: TRANSCRIPT_REQUESTED, data: { email: address } };
    return appendMessage(tx, emit, row, { senderType: 'system', body: `Transcript requested for ${address}`, kind: 'event', content: { event } });
  });
}

/**
 * A line for the agents only, written by the page on the visitor's behalf
 * (SnapEngage `sendTextToChat(text)`): an internal note the visitor never receives.
 */
export async function postVisitorNote(core: Core, visitor: VisitorRef, conversationId: string, text: string): Promise<MessageView> {
  const body = text.trim();
  if (body === '' || body.length > NOTE_MAX) throw invalid('text', `text must be 1-${NOTE_MAX} characters`);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    // Ownership before state: another visitor's chat must be "not found", not reveal that it is closed.
    const row = await lockConversation(tx, visitor.organizationId, conversationId, true);
    if (row.contactId !== visitor.contactId) throw notFound('conversation not found');
    if (row.status === 'closed') throw conflict('conversation is closed');
    return appendMessage(tx, emit, row, { senderType: 'visitor', body, kind: 'note', private: true });
  });
}
