import type { Executor } from '../../db/client.ts';
import { findContact } from '../../db/repositories/contacts.ts';
import type { ConversationRow } from '../../db/repositories/conversations.ts';
import { lockOrganization } from '../../db/repositories/organizations.ts';
import { countTranscriptRequests, insertTranscriptRequest, type TranscriptRequestCounts, type TranscriptRequestScope } from '../../db/repositories/transcript-requests.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { conflict, DomainError, forbidden, invalid, notFound, rateLimited } from '../errors.ts';
import type { MessageView } from '../types.ts';
import { normalizeEmail } from '../validation.ts';
import { appendMessageInTransaction } from './append-message.ts';
import { lockConversation } from './conversation-steps.ts';
import { readUiSettings } from './widget-ui-settings.ts';

/** `content.event.name` of the notice that records a transcript request (see system-notices.ts for the pattern). */
export const TRANSCRIPT_REQUESTED = 'transcript_requested';

/** Who asks: the visitor behind a widget's token, in their own conversation. */
export interface VisitorRef {
  organizationId: string;
  contactId: string;
}

/** How many transcript e-mails may be asked for (configuration; docs/security.md). */
export interface TranscriptLimits {
  perConversation: number;
  perVisitorPerHour: number;
  perIpPerHour: number;
  perOrganizationPerHour: number;
}

/** Each limit against the count it bounds, in the order they are checked (a table, so adding one is one line). */
const LIMITS: ReadonlyArray<{ limit: keyof TranscriptLimits; count: keyof TranscriptRequestCounts; refusal: (max: number) => string }> = [
  { limit: 'perConversation', count: 'conversation', refusal: (max) => `at most ${max} transcript e-mail(s) may be requested for one chat` },
  { limit: 'perVisitorPerHour', count: 'contactLastHour', refusal: (max) => `at most ${max} transcript e-mail(s) per visitor per hour; try again later` },
  { limit: 'perIpPerHour', count: 'ipLastHour', refusal: (max) => `at most ${max} transcript e-mail(s) per network address per hour; try again later` },
  { limit: 'perOrganizationPerHour', count: 'organizationLastHour', refusal: (max) => `this organization's transcript e-mails for this hour (${max}) are used up; try again later` },
];

const NOTE_MAX = 2_000;

/** The organization and the chat's widget both offer transcripts; the organization's row stays locked, so its limit is counted one request at a time. */
async function refuseUnlessOffered(tx: Executor, row: ConversationRow): Promise<void> {
  const organization = await lockOrganization(tx, row.organizationId);
  if (!organization?.transcriptsEnabled) throw forbidden('transcripts by e-mail are switched off for this organization');
  const widget = await findWidget(tx, row.organizationId, row.widgetId);
  if (!widget || !readUiSettings(widget.uiSettings).transcript.enabled) throw forbidden('this widget does not offer transcripts by e-mail');
}

async function refuseOverLimit(tx: Executor, limits: TranscriptLimits, scope: TranscriptRequestScope): Promise<void> {
  const counts = await countTranscriptRequests(tx, scope);
  const exceeded = LIMITS.find(({ limit, count }) => counts[count] >= limits[limit]);
  if (exceeded) throw rateLimited(exceeded.refusal(limits[exceeded.limit]));
}

/**
 * The visitor asks for the transcript by e-mail, during or after the chat. It goes only to the
 * address the visitor gave for the chat (the contact's, from the pre-chat form or `setUserEmail`,
 * as it is now): anything else is refused, so the server never mails a stranger the visitor's
 * words. Within the limits (per chat, and per visitor, network address and organization per hour)
 * the request is stored as a system notice in the conversation (`content.event` =
 * transcript_requested, `data.email`), which agents and the event log see, and as a
 * `transcript_requests` row, which the limits count. Sending it is integrations/transcript-mailer.ts's
 * job: it follows that `message.created` event when SMTP is configured.
 */
export async function requestTranscript(
  core: Core,
  limits: TranscriptLimits,
  visitor: VisitorRef,
  conversationId: string,
  request: { email: string; ip: string | null },
): Promise<MessageView> {
  const address = normalizeEmail('email', request.email);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, visitor.organizationId, conversationId, true);
    if (row.contactId !== visitor.contactId) throw notFound('conversation not found');
    await refuseUnlessOffered(tx, row);
    const given = (await findContact(tx, row.organizationId, row.contactId))?.email?.trim().toLowerCase();
    if (!given) throw new DomainError('forbidden', 'a transcript goes only to the e-mail address given for this chat, and none was given', 'email');
    if (given !== address) throw new DomainError('forbidden', 'a transcript goes only to the e-mail address given for this chat', 'email');
    const scope = { organizationId: row.organizationId, conversationId: row.id, contactId: row.contactId, ip: request.ip };
    await refuseOverLimit(tx, limits, scope);
    const event: NonNullable<MessageContent['event']> = { name: TRANSCRIPT_REQUESTED, data: { email: address } };
    const message = await appendMessageInTransaction(tx, emit, {
      organizationId: row.organizationId,
      conversationId: row.id,
      sender: { type: 'system' },
      body: `Transcript requested for ${address}`,
      kind: 'event',
      content: { event },
      allowClosed: true,
    });
    await insertTranscriptRequest(tx, { ...scope, messageId: message.id, email: address });
    return message;
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
    return appendMessageInTransaction(tx, emit, { organizationId: row.organizationId, conversationId: row.id, sender: { type: 'visitor' }, body, private: true });
  });
}
