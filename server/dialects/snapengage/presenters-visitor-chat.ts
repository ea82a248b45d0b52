import { type CloseReason, escapeHtml, type MessageView, readWaitTimeNotice, type TimelineEntry } from '../kit.ts';
import type { PollLine } from './schemas/visitor-chat.ts';

/**
 * The Visitor Chat API's poll: a conversation as SnapEngage's line protocol.
 *
 * Every step of the visitor's timeline becomes one or more numbered lines, counted from 0
 * in timeline order, so a line keeps its index forever. The visitor's own messages take
 * an index but are not sent back (the client shows them already), which is why indices
 * in an answer have gaps, as in the reference's sample.
 */

type Line = Omit<PollLine, 'index'>;
/** A line that takes an index but is not sent to the poller. */
const HIDDEN = null;

/** Every line ends with a space, as every line of the reference's sample does. */
const line = (type: Line['type'], author: string, text: string): Line => ({ type, author, text: `${text} ` });

/** `/NFO` carries HTML: our own text is escaped, and ends with `<br>` like the sample's "Just a moment...<br>". */
const notice = (text: string): Line => line('system', '', `/NFO ${escapeHtml(text)}<br>`);

/** The reference has no line for "chat ended", so the end is told as an informational notice. */
const CLOSE_NOTICES: Record<CloseReason, string> = {
  agent: 'The agent has ended the chat.',
  visitor: 'You have ended the chat.',
  timed_out: 'The chat has ended after a period of inactivity.',
  no_agents_found: 'No agent is available right now. We have received your message.',
};

/** Lines from index `fromIndex` on. */
export function presentPollLines(timeline: TimelineEntry[], fromIndex: number): PollLine[] {
  return timeline
    .flatMap(linesOf)
    .flatMap((entry, index) => (entry !== HIDDEN && index >= fromIndex ? [{ index, ...entry }] : []));
}

function linesOf(entry: TimelineEntry): Array<Line | typeof HIDDEN> {
  switch (entry.kind) {
    case 'assigned':
      // As the sample shows an agent joining: their nickname, then the chat is live ("/CAL 1").
      return [line('system', entry.alias, `/NIC ${entry.alias}`), line('system', entry.alias, '/CAL 1')];
    case 'closed':
      return [notice(CLOSE_NOTICES[entry.closedBy])];
    case 'message':
      return [messageLine(entry.message)];
  }
}

function messageLine(message: MessageView): Line | typeof HIDDEN {
  switch (message.senderType) {
    case 'visitor':
      return HIDDEN;
    case 'agent':
    case 'bot':
      return line('agent', message.senderName ?? '', message.body);
    case 'system': {
      const waitTime = readWaitTimeNotice(message.content);
      return waitTime ? line('system', '', waitTimeCommand(waitTime.waitSeconds, message.body)) : notice(message.body);
    }
  }
}

/**
 * `/SYS WAGT <n>,<message>`, encoded as in the reference's sample: spaces (and `%`) of the
 * message are %-encoded first, then the whole argument is form-encoded, so
 * "6,Sorry for the delay. We're…" becomes `6%2CSorry%2520for%2520the%2520delay.%2520We%27re…`.
 * Clients decode the argument, split at the first comma, and decode the message once more.
 */
function waitTimeCommand(waitSeconds: number, message: string): string {
  const spacesEncoded = message.replace(/%/g, '%25').replace(/ /g, '%20');
  return `/SYS WAGT ${formEncode(`${waitSeconds},${spacesEncoded}`)}`;
}

/** Java's URLEncoder, which the sample's encoding matches: encodeURIComponent plus `!'()~`. */
function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
