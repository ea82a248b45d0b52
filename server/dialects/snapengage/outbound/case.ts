import { type ConversationSource, type Core, getContact, getConversation, getTranscript, getUser, type MessageView, type SenderType } from '../../kit.ts';
import { splitDate } from './dates.ts';

/** source_id: 1 offline message, 2 manual chat, 3 proactive chat. */
const SOURCE_IDS: Record<ConversationSource, number> = { offline: 1, manual: 2, proactive: 3 };
const SENDERS: Record<SenderType, string> = { visitor: 'VISITOR', agent: 'AGENT', bot: 'BOT', system: 'SYSTEM' };
const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

export interface CaseTranscriptLine {
  id: string;
  date: string;
  date_seconds: number;
  date_milliseconds: number;
  alias: string;
  message: string;
  sender: string;
  /** For the legacy XML, which formats dates its own way. */
  at: Date;
}

/**
 * A closed conversation as the Integration API's case, with the reference's field names.
 * Fields without data are left out, as the reference says SnapEngage does.
 */
export interface IntegrationCase {
  id: string;
  widget_id: string;
  url: string;
  type: 'chat' | 'offline';
  requested_by?: string;
  requester_details?: { name?: string; emails?: string[]; phones?: string[] };
  description?: string;
  created_at_date: string;
  created_at_seconds: number;
  created_at_milliseconds: number;
  proactive_chat: boolean;
  page_url?: string;
  referrer_url?: string;
  entry_url?: string;
  ip_address?: string;
  user_agent?: string;
  browser?: string;
  os?: string;
  country_code?: string;
  country?: string;
  region?: string;
  city?: string;
  latitude?: number;
  longitude?: number;
  source_id: number;
  chat_waittime?: number;
  chat_duration?: number;
  chat_ended_by?: string;
  language_code?: string;
  transcripts: CaseTranscriptLine[];
  javascript_variables?: Array<{ name: string; value: string }>;
  labels?: Array<{ name: string; value: string }>;
  /** Kept for the XML's `created_at`. */
  createdAt: Date;
}

export async function loadCase(core: Core, organizationId: string, conversationId: string, publicUrl: string): Promise<IntegrationCase | undefined> {
  const conversation = await getConversation(core, organizationId, conversationId);
  if (!conversation) return undefined;
  const contact = await getContact(core, organizationId, conversation.contactId);
  const messages = (await getTranscript(core, organizationId, conversationId, { includePrivate: false })) ?? [];
  const context = conversation.visitorContext;
  const created = splitDate(conversation.createdAt);
  const name = contact?.name ?? undefined;
  return dropEmpty({
    id: conversation.id,
    widget_id: conversation.widgetId,
    url: `${publicUrl}/console/conversations/${conversation.id}`,
    type: conversation.source === 'offline' ? 'offline' : 'chat',
    requested_by: contact?.email ?? undefined,
    requester_details: dropEmpty({ name, emails: contact?.email ? [contact.email] : [], phones: contact?.phone ? [contact.phone] : [] }),
    description: messages.find((m) => m.senderType === 'visitor')?.body,
    created_at_date: created.date,
    created_at_seconds: created.seconds,
    created_at_milliseconds: created.milliseconds,
    proactive_chat: conversation.source === 'proactive',
    page_url: context.pageUrl,
    referrer_url: context.referrerUrl,
    entry_url: context.entryUrl,
    ip_address: context.ip,
    user_agent: context.userAgent,
    browser: context.browser,
    os: context.os,
    country_code: context.geo?.countryCode,
    country: context.geo?.countryCode ? countryNames.of(context.geo.countryCode.toUpperCase()) : undefined,
    region: context.geo?.region,
    city: context.geo?.city,
    latitude: context.geo?.latitude,
    longitude: context.geo?.longitude,
    source_id: SOURCE_IDS[conversation.source],
    chat_waittime: conversation.firstResponseSeconds ?? undefined,
    chat_duration: conversation.durationSeconds ?? undefined,
    chat_ended_by: conversation.closedBy ?? undefined,
    language_code: conversation.language ?? context.locale,
    transcripts: await transcriptLines(core, organizationId, messages),
    javascript_variables: Object.entries(context.jsVariables ?? {}).map(([n, value]) => ({ name: n, value })),
    labels: conversation.labels.map(({ name: label, value }) => ({ name: label, value })),
    createdAt: conversation.createdAt,
  } satisfies IntegrationCase);
}

/** Agents are identified by e-mail, visitors by nothing (the reference's ""), bots by their id. */
async function transcriptLines(core: Core, organizationId: string, messages: MessageView[]): Promise<CaseTranscriptLine[]> {
  const emails = new Map<string, string>();
  const idOf = async (message: MessageView) => {
    if (message.senderType === 'bot') return message.senderId ?? '';
    if (message.senderType !== 'agent' || !message.senderId) return '';
    if (!emails.has(message.senderId)) emails.set(message.senderId, (await getUser(core, organizationId, message.senderId))?.email ?? '');
    return emails.get(message.senderId)!;
  };
  const lines: CaseTranscriptLine[] = [];
  for (const message of messages) {
    const at = new Date(message.createdAt);
    const { date, seconds, milliseconds } = splitDate(at);
    lines.push({
      id: await idOf(message),
      date,
      date_seconds: seconds,
      date_milliseconds: milliseconds,
      alias: message.senderName ?? message.senderType,
      message: message.body,
      sender: SENDERS[message.senderType],
      at,
    });
  }
  return lines;
}

/** Removes keys whose value is undefined, null, '' or an empty array or object. */
function dropEmpty<T extends object>(value: T): T {
  const isEmpty = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v))) as T;
}
