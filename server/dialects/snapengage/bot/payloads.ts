import { type BotCall, getContact, getConversation, getTranscript, type MessageView } from '../../kit.ts';

type Payload = Record<string, unknown>;

/** The fields every Bot API webhook starts with. */
function envelope(call: BotCall, event: string): Payload {
  return { widget_id: call.widgetId, case_id: call.conversationId, timestamp: call.event.occurredAt.getTime(), event };
}

/**
 * chatStarted with what we know of the visitor. The reference's table calls the first message
 * `description`, its samples `text`: both are sent. Elements without data are left out, as
 * the reference warns they may be.
 */
export async function chatStartedPayload(call: BotCall): Promise<Payload> {
  const conversation = await getConversation(call.core, call.bot.organizationId, call.conversationId);
  const context = conversation?.visitorContext ?? {};
  const contact = conversation && (await getContact(call.core, call.bot.organizationId, conversation.contactId));
  const messages = (await getTranscript(call.core, call.bot.organizationId, call.conversationId, { includePrivate: false })) ?? [];
  const first = messages.find((m) => m.senderType === 'visitor')?.body;
  const geo = context.geo && { city: context.geo.city, region: context.geo.region, country_code: context.geo.countryCode };
  const jsVariables = Object.entries(context.jsVariables ?? {}).map(([name, value]) => `${name}=${value}`);
  return withoutEmpty({
    ...envelope(call, 'chatStarted'),
    text: first,
    description: first,
    email: contact?.email,
    geo,
    user_agent: context.userAgent,
    entry_url: context.entryUrl,
    referrer_url: context.referrerUrl,
    page_url: context.pageUrl,
    ip_address: context.ip,
    jsVariables: jsVariables.join(','),
  });
}

/** A visitor's message; `id` names the display_responses button it came from, when it did. */
export function messagePayload(call: BotCall, message: MessageView, buttonId: string | undefined): Payload {
  return { ...envelope(call, 'message'), from: 'visitor', text: message.body, ...(buttonId && { id: buttonId }) };
}

export function chatClosedPayload(call: BotCall): Payload {
  return envelope(call, 'chatClosed');
}

export interface FailedCommand {
  operation: string;
  params: string;
  error: 'MISSING_PARAM' | 'WIDGET_NOT_FOUND' | 'TRANSFER_NOT_ALLOWED' | 'NO_AGENTS_AVAILABLE';
}

export function commandResultPayload(call: BotCall, failedCommands: FailedCommand[]): Payload {
  return { ...envelope(call, 'commandResult'), timestamp: Date.now(), failedCommands };
}

/**
 * The visitor clicked a button when their message repeats the text of one of the buttons the
 * bot offered last (a later plain message or GOTO leaves them on screen): the widget sends a
 * button's text as the visitor's message.
 */
export async function clickedButtonId(call: BotCall, message: MessageView): Promise<string | undefined> {
  const messages = (await getTranscript(call.core, call.bot.organizationId, call.conversationId, { includePrivate: false })) ?? [];
  const position = messages.findIndex((m) => m.id === message.id);
  const offer = messages.slice(0, position < 0 ? messages.length : position).findLast((m) => m.senderType === 'bot' && Array.isArray(m.content?.buttons));
  const buttons = (offer?.content?.buttons ?? []) as Array<{ id?: string; text: string }>;
  const wanted = message.body.trim().toLowerCase();
  return buttons.find((button) => button.text.trim().toLowerCase() === wanted)?.id;
}

function withoutEmpty(payload: Payload): Payload {
  return Object.fromEntries(
    Object.entries(payload).filter(([, value]) => value !== undefined && value !== null && value !== '' && !(typeof value === 'object' && Object.values(value).every((v) => v === undefined))),
  );
}
