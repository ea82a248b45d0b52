import { Type, type Static } from 'typebox';
import { FIELD_VALUE_MAX, LOCALE_PATTERN, USER_AGENT_MAX } from '../../kit.ts';
import { Phone } from './provisioning.ts';

/**
 * Visitor Chat API (`/api/v1/chat`). Parameters arrive as query strings or form fields,
 * so every request schema is a `querystring` schema: values are coerced from text.
 * Response properties are listed in the order of the reference's samples.
 */

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const StartChatParams = Type.Object({
  widgetId: Id,
  /** Checked by core (required or not by the widget, e-mail shape); '' counts as absent. */
  email: Type.Optional(Type.String({ maxLength: 254 })),
  phone: Type.Optional(Phone),
  userAgent: Type.Optional(Type.String({ maxLength: USER_AGENT_MAX })),
  locale: Type.Optional(Type.String({ maxLength: 35, pattern: LOCALE_PATTERN })),
  isOffline: Type.Optional(Type.Boolean()),
  appVersionName: Type.Optional(Type.String({ maxLength: FIELD_VALUE_MAX })),
  /** Required or not by the widget, and its length: checked by core. */
  visitorMessage: Type.Optional(Type.String()),
});

export const MESSAGE_TYPE = { message: 1, close: 2 } as const;

export const SendMessageParams = Type.Object({
  caseId: Id,
  /** Not marked required by the reference: a normal message unless told otherwise. */
  messageType: Type.Integer({ enum: [MESSAGE_TYPE.message, MESSAGE_TYPE.close], default: MESSAGE_TYPE.message }),
  messageBody: Type.Optional(Type.String()),
});

export const CaseParams = Type.Object({ caseId: Type.String() });

export const PollQuery = Type.Object({
  index: Type.Integer({ minimum: 0, default: 0 }),
  isTyping: Type.Boolean({ default: false }),
});

export const StartChatResponse = Type.Object({ caseId: Type.String(), widgetId: Type.String() });

/** The reference's sample answers `"messageType": "1"`: a string, although requests send an integer. */
export const SendMessageResponse = Type.Object({
  caseId: Type.String(),
  messageBody: Type.String(),
  messageType: Type.Union([Type.Literal('1'), Type.Literal('2')]),
});

export const PollLine = Type.Object({
  index: Type.Integer(),
  type: Type.Union([Type.Literal('agent'), Type.Literal('system')]),
  author: Type.String(),
  text: Type.String(),
});

export const PollResponse = Type.Object({
  caseId: Type.String(),
  messageList: Type.Array(PollLine),
  agentTyping: Type.Boolean(),
});

export type StartChatParams = Static<typeof StartChatParams>;
export type PollLine = Static<typeof PollLine>;
