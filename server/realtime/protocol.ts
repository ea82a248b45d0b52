import { Type, type Static, type TProperties } from 'typebox';
import { SequenceNumber } from '../../protocol/native-api.ts';
import { FIELD_VALUE_MAX, LOCALE_PATTERN, URL_MAX } from '../core/visitor-context.ts';

/**
 * The realtime wire protocol: every client frame's schema, keyed by its `type`,
 * and the close codes. docs/realtime.md describes each frame with an example;
 * keep the two in step.
 */

/** Close codes in the 4000–4999 range are ours; clients decide from them whether reconnecting can help. */
export const CloseCode = {
  /** Server restart or shutdown: reconnect (with afterEventId) to another or the same node. */
  goingAway: 1001,
  /** Authentication could not be checked because of a server fault: retry later. */
  internalError: 1011,
  /** Malformed first frame or an auth frame with wrong fields: a client bug, do not retry as is. */
  protocolError: 4400,
  /** Missing, wrong or ended credentials, or no auth frame in time: log in again before reconnecting. */
  unauthorized: 4401,
  /** Frames sent faster than the server handles them. */
  tooManyFrames: 4429,
} as const;

/** Largest frame a client may send; the ws library closes with 1009 above it. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const MESSAGE_MAX = 10_000;
const requestId = Type.Optional(Type.String({ minLength: 1, maxLength: 100 }));
/** Ids are checked for existence by the core; a malformed one simply names nothing. */
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Url = Type.String({ minLength: 1, maxLength: URL_MAX });

/** A client frame: its literal `type`, an optional `requestId` echoed in the answer, and nothing unknown. */
function frame<T extends string, P extends TProperties>(type: T, properties: P) {
  return Type.Object({ type: Type.Literal(type), requestId, ...properties }, { additionalProperties: false });
}

// Frames anyone may send, authenticated or not.
export const AuthFrame = frame('auth', {
  role: Type.Enum(['agent', 'visitor']),
  /** Agents: a session token, for clients that cannot send the sb_session cookie. */
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Visitors: the widget they chat through, and the token a previous `ready` gave them. */
  widgetId: Type.Optional(Id),
  visitorToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export const PingFrame = frame('ping', {});

export const topics = ['conversation', 'queue', 'agent'] as const;
const Topic = Type.Enum([...topics]);
export const SubscribeFrame = frame('subscribe', {
  topic: Topic,
  conversationId: Type.Optional(Id),
  widgetId: Type.Optional(Id),
  afterEventId: Type.Optional(SequenceNumber({ minimum: 0 })),
});
export const UnsubscribeFrame = frame('unsubscribe', {
  topic: Topic,
  conversationId: Type.Optional(Id),
  widgetId: Type.Optional(Id),
});

// Visitor actions.
export const StartChatFrame = frame('start_chat', {
  /** Defaults to the widget the visitor authenticated with. */
  widgetId: Type.Optional(Id),
  message: Type.Optional(Type.String({ maxLength: MESSAGE_MAX })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  phone: Type.Optional(Type.String({ maxLength: 50 })),
  pageUrl: Type.Optional(Url),
  entryUrl: Type.Optional(Url),
  referrerUrl: Type.Optional(Url),
  locale: Type.Optional(Type.String({ pattern: LOCALE_PATTERN, maxLength: 35 })),
  customFields: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: FIELD_VALUE_MAX }), { maxProperties: 50 })),
  /** `proactive` when the visitor answers an invitation; an offline widget makes any chat an offline message. */
  source: Type.Optional(Type.Union([Type.Literal('manual'), Type.Literal('proactive')])),
});
export const VisitorSendMessageFrame = frame('send_message', {
  conversationId: Id,
  body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
});
export const VisitorTypingFrame = frame('typing', {
  conversationId: Id,
  isTyping: Type.Boolean(),
  /** What the visitor has typed so far (a live preview for the agent); sent only to agents. */
  preview: Type.Optional(Type.String({ maxLength: MESSAGE_MAX })),
});
export const PageViewFrame = frame('page_view', {
  conversationId: Id,
  url: Url,
  title: Type.Optional(Type.String({ maxLength: 1000 })),
});
export const RateFrame = frame('rate', {
  conversationId: Id,
  rating: Type.Integer({ minimum: 1, maximum: 10 }),
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
});
export const CloseFrame = frame('close', { conversationId: Id });
const receipt = { conversationId: Id, upToSeq: SequenceNumber({ minimum: 1 }) };
export const ReadFrame = frame('read', receipt);
export const DeliveredFrame = frame('delivered', receipt);

// Agent actions.
export const SetStatusFrame = frame('set_status', {
  status: Type.Enum(['online', 'pause', 'offline']),
  subStatus: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});
export const AcceptFrame = frame('accept', { conversationId: Id });
export const AgentSendMessageFrame = frame('send_message', {
  conversationId: Id,
  body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
  /** An internal note: stored and shown to agents, never sent to the visitor. */
  private: Type.Optional(Type.Boolean()),
});
export const AgentTypingFrame = frame('typing', { conversationId: Id, isTyping: Type.Boolean() });
/** Which fields a target needs depends on its kind; the transfer action checks them and names the missing one. */
export const TransferFrame = frame('transfer', {
  conversationId: Id,
  target: Type.Object(
    {
      kind: Type.Enum(['agent', 'widget', 'tags']),
      userId: Type.Optional(Id),
      widgetId: Type.Optional(Id),
      humanOnly: Type.Optional(Type.Boolean()),
      tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 20 })),
    },
    { additionalProperties: false },
  ),
});
export const LabelFrame = frame('label', {
  conversationId: Id,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  value: Type.String({ maxLength: 500 }),
});
export const UnlabelFrame = frame('unlabel', {
  conversationId: Id,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  value: Type.String({ maxLength: 500 }),
});
export const BanFrame = frame('ban', {
  conversationId: Id,
  kind: Type.Enum(['visitor', 'ip']),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

export type AuthFrame = Static<typeof AuthFrame>;
export type SubscribeFrame = Static<typeof SubscribeFrame>;
export type UnsubscribeFrame = Static<typeof UnsubscribeFrame>;
export type Topic = (typeof topics)[number];
