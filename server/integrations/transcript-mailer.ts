import type { Config } from '../config/config.ts';
import { TRANSCRIPT_REQUESTED } from '../core/commands/visitor-requests.ts';
import type { Core } from '../core/context.ts';
import type { EventMap, StoredEvent } from '../core/events.ts';
import { getTranscript } from '../core/queries/conversations.ts';
import { getOrganization } from '../core/queries/organizations.ts';
import type { MessageView } from '../core/types.ts';
import { findTranscriptRequestByMessage } from '../db/repositories/transcript-requests.ts';
import type { Mailer } from './mailer.ts';
import { startOutboxConsumer, type OutboxConsumer } from './outbox-consumer.ts';

/** The id of the notice this event posts, when it is a transcript request's. */
function requestNoticeId(event: StoredEvent): string | undefined {
  if (event.type !== 'message.created' || !event.conversationId) return undefined;
  const { message } = event.payload as EventMap['message.created'];
  const notice = message.content?.event as { name?: string } | undefined;
  return message.senderType === 'system' && notice?.name === TRANSCRIPT_REQUESTED ? message.id : undefined;
}

function speaker(message: MessageView): string {
  if (message.senderType === 'visitor') return 'You';
  return message.senderName || (message.senderType === 'system' ? 'Chat' : 'Agent');
}

/** What the visitor saw, as plain text (times in UTC, files by name); internal notes never appear. */
export function formatTranscript(messages: readonly MessageView[]): string {
  return messages
    .filter((message) => !message.private && (message.content?.event as { name?: string } | undefined)?.name !== TRANSCRIPT_REQUESTED)
    .map((message) => {
      const attachment = message.content?.attachment as { fileName?: string } | undefined;
      const text = attachment ? `[file: ${attachment.fileName}]` : message.body;
      return `[${message.createdAt.slice(0, 16).replace('T', ' ')} UTC] ${speaker(message)}: ${text}`;
    })
    .join('\n');
}

/**
 * Sends the transcripts visitors ask for from the widget (`requestTranscript` records each request
 * as a notice in the conversation and a `transcript_requests` row). It follows the outbox with its
 * own cursor, so a request made while the server was down is sent when it is back. The address is
 * the stored request's, never the notice's: a notice alone (a bot may post any event) sends
 * nothing. A request still waiting when the organization switches transcripts off is dropped. One
 * attempt per request: an address the relay refuses must not hold up everyone else's, so a
 * failure is logged and the reader moves on.
 */
export function startTranscriptMailer(core: Core, mailer: Mailer, config: Pick<Config, 'webhooks'>, onError: (error: unknown) => void): OutboxConsumer {
  return startOutboxConsumer(core, {
    name: 'transcripts',
    pageSize: 200,
    pollMs: config.webhooks.pollMs,
    startAtEnd: true,
    onError,
    async handlePage(page) {
      for (const event of page.events) {
        const noticeId = requestNoticeId(event);
        const request = noticeId && (await findTranscriptRequestByMessage(core.db, noticeId));
        if (!request || !(await getOrganization(core, request.organizationId))?.transcriptsEnabled) continue;
        const messages = await getTranscript(core, request.organizationId, request.conversationId, { includePrivate: false });
        if (!messages) continue;
        await mailer.send({ to: request.email, subject: 'Your chat transcript', text: formatTranscript(messages) }).catch(onError);
      }
    },
  });
}
