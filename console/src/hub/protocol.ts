import type { EventFrame, Message, SignalFrame } from '../api/types.ts';

/**
 * The SnapEngage Hub SDK's postMessage vocabulary (research 3.7), both ways.
 * Hub → page: `{type, conversationId, agentEmail, data?}`; page → Hub: `{type, conversationId, agent, data?}`.
 */
export interface HubOutbound {
  type: string;
  conversationId: string;
  agentEmail: string;
  data?: Record<string, unknown>;
}

/** A message as Hub pages expect it: text, or a file with where to fetch it (on the console's origin). */
export function hubMessage(message: Message, consoleOrigin: string): Record<string, unknown> {
  const file = message.kind === 'attachment' ? (message.content as { id: string; fileName: string; mimeType: string } | null) : null;
  if (!file) return { type: 'text', text: message.body };
  return {
    type: 'File',
    mimeType: file.mimeType,
    fileName: file.fileName,
    url: new URL(`/native/v1/attachments/${file.id}`, consoleOrigin).href,
    mimeTypeUrl: `https://www.iana.org/assignments/media-types/${file.mimeType}`,
  };
}

/** The Hub event a realtime event of the shown conversation becomes, if any. Internal notes never leave the console. */
export function hubEventOf(event: EventFrame, consoleOrigin: string): Omit<HubOutbound, 'conversationId' | 'agentEmail'> | null {
  switch (event.name) {
    case 'message.created': {
      const { message } = event.data as { message: Message };
      if (message.private || message.senderType === 'system') return null;
      return { type: message.senderType === 'visitor' ? 'visitor_message_received' : 'agent_message_received', data: hubMessage(message, consoleOrigin) };
    }
    case 'visitor.page_viewed':
      return { type: 'visitor_page_update', data: { page: (event.data as { url: string }).url } };
    case 'conversation.closed':
      return (event.data as { closedBy: string }).closedBy === 'visitor' ? { type: 'conversation_closed_by_visitor' } : null;
    default:
      return null;
  }
}

/** Sneak peek: what the visitor is typing, as SnapEngage sends it with the setting on. */
export function hubTypingOf(signal: SignalFrame): Omit<HubOutbound, 'conversationId' | 'agentEmail'> | null {
  if (signal.name !== 'visitor.typing' || !signal.data.isTyping) return null;
  return { type: 'visitor_typing', data: { type: 'text', text: signal.data.preview ?? '' } };
}

const SECURE_DATA_TYPES = ['SSN', 'Credit Card', 'Secure Note'] as const;

/** What a Hub page may ask the console to do, once its message passed validation. */
export type HubRequest =
  | { type: 'agent_message_received'; conversationId: string; text: string }
  | { type: 'conversation_closed_by_agent'; conversationId: string }
  | { type: 'label_added' | 'label_removed'; conversationId: string; labelName: string; value: string }
  | { type: 'transfer_request'; conversationId: string; widgetId: string }
  | { type: 'reclaim_transfer_request'; conversationId: string }
  | { type: 'request_file'; conversationId: string }
  | { type: 'request_secure_data'; conversationId: string; secureDataType: (typeof SECURE_DATA_TYPES)[number] }
  | { type: 'ban_user'; conversationId: string; kind: 'visitor' | 'ip' }
  | { type: 'populate_text'; conversationId: string; message: string };

export type Parsed = { ok: true; request: HubRequest } | { ok: false; reason: string };

const MAX_TEXT = 10_000;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, max = MAX_TEXT) => (typeof value === 'string' && value.trim().length > 0 && value.length <= max ? value : undefined);

/**
 * Checks a page's message field by field; anything unexpected is refused with a reason
 * rather than half-executed. `agent`, when given, must be the signed-in agent's e-mail.
 */
export function parseHubRequest(raw: unknown, agentEmail: string): Parsed {
  if (!isRecord(raw)) return { ok: false, reason: 'message must be an object' };
  const type = raw.type;
  const conversationId = text(raw.conversationId, 100);
  if (typeof type !== 'string') return { ok: false, reason: 'type must be a string' };
  if (!conversationId) return { ok: false, reason: 'conversationId must be a non-empty string' };
  if (raw.agent !== undefined && (typeof raw.agent !== 'string' || raw.agent.toLowerCase() !== agentEmail.toLowerCase())) {
    return { ok: false, reason: 'agent must be the e-mail of the signed-in agent' };
  }
  const data = isRecord(raw.data) ? raw.data : {};
  const fail = (reason: string): Parsed => ({ ok: false, reason });
  const ok = (request: HubRequest): Parsed => ({ ok: true, request });

  switch (type) {
    case 'agent_message_received': {
      const body = text(data.text) ?? text(data.message);
      return body ? ok({ type, conversationId, text: body }) : fail('data.text must be a non-empty string');
    }
    case 'conversation_closed_by_agent':
    case 'reclaim_transfer_request':
    case 'request_file':
      return ok({ type, conversationId });
    case 'label_added':
    case 'label_removed': {
      const labelName = text(data.labelName, 100);
      const value = data.value === undefined ? '' : typeof data.value === 'string' && data.value.length <= 500 ? data.value : undefined;
      if (!labelName) return fail('data.labelName must be a non-empty string');
      if (value === undefined) return fail('data.value must be a string of at most 500 characters');
      return ok({ type, conversationId, labelName, value });
    }
    case 'transfer_request': {
      const widgetId = text(data.widgetId, 100);
      return widgetId ? ok({ type, conversationId, widgetId }) : fail('data.widgetId must be a non-empty string');
    }
    case 'request_secure_data': {
      const kind = SECURE_DATA_TYPES.find((t) => t === data.secure_data_type);
      return kind ? ok({ type, conversationId, secureDataType: kind }) : fail(`data.secure_data_type must be one of ${SECURE_DATA_TYPES.join(', ')}`);
    }
    case 'ban_user': {
      const kind = data.type === 'cookie' ? 'visitor' : data.type === 'IP' ? 'ip' : undefined;
      return kind ? ok({ type, conversationId, kind }) : fail('data.type must be "cookie" or "IP"');
    }
    case 'populate_text': {
      const message = text(data.message);
      return message ? ok({ type, conversationId, message }) : fail('data.message must be a non-empty string');
    }
    default:
      return fail(`unknown type "${type}"`);
  }
}
