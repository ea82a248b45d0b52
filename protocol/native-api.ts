import { Type, type Static, type TSchema } from 'typebox';
import { apiScopes, botPresences, channelTypes, closeReasons, conversationSources, conversationStatuses, deliveryStates, messageKinds, presences, roles, senderTypes, webhookScopes } from './values.ts';

/**
 * What the native API answers, as TypeBox schemas. The routes use them as response
 * schemas, and fastify serializes with them, dropping any field a schema does not
 * declare: so these schemas are exactly what leaves the server, and the console and
 * the widget take their types from them with `Static<>` (type-only imports, erased
 * from the bundles). Only `typebox` and `./values.ts` may be imported here, so the
 * browser projects can type-check this file without Node or database types.
 */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Timestamp = Type.String({ format: 'date-time' });
/**
 * A position in one of our bigint sequences (message seq, event id, delivery seq) that a client
 * sends back. Capped where JavaScript numbers stop being exact, which PostgreSQL's bigint holds:
 * a larger one would fail in SQL instead of being refused.
 */
export const SequenceNumber = (options: { minimum: number; description?: string }) => Type.Integer({ ...options, maximum: Number.MAX_SAFE_INTEGER });
/** Only http(s): these URLs end up in `<img src>` and links in the console and the widget. */
export const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });

export const RoleSchema = Type.Enum([...roles]);
const PresenceSchema = Type.Enum([...presences]);
export const BotPresenceSchema = Type.Enum([...botPresences], { description: 'An offline bot is skipped by routing' });
export const ConversationStatusSchema = Type.Enum([...conversationStatuses]);
export const ApiScopeSchema = Type.Enum([...apiScopes]);
export const DeliveryStateSchema = Type.Enum([...deliveryStates]);

// People

/** What the API shows of a user: never the password hash, only whether one is set. */
export const UserResponse = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  alias: Nullable(Type.String()),
  avatarUrl: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  maxConcurrentChats: Type.Integer(),
  presence: PresenceSchema,
  hasPassword: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Timestamp,
});

/** A colleague as every agent may see them (`GET /team`): no e-mail, limits or disabled accounts. */
export const TeammateResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  alias: Nullable(Type.String()),
  avatarUrl: Nullable(Type.String()),
  role: RoleSchema,
  presence: PresenceSchema,
});

/** A key as listed: its public `keyId`, never the secret or its hash. */
export const ApiKeyResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keyId: Type.String({ description: 'Public part of the key, to recognise it in logs' }),
  scopes: Type.Array(ApiScopeSchema),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

// Widgets

const MINUTES_PER_DAY = 24 * 60;
const minute = (description: string) => Type.Integer({ minimum: 0, maximum: MINUTES_PER_DAY, description });

/** Weekly opening hours in one IANA time zone, several ranges per weekday; request bodies are checked against it too. */
export const WidgetScheduleSchema = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin' }),
    ranges: Type.Array(
      Type.Object(
        {
          weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Monday … 6 = Sunday' }),
          enabled: Type.Boolean(),
          startMinute: minute('Minutes since local midnight'),
          endMinute: minute('Minutes since local midnight; at or before the start means the range runs past midnight'),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false, description: 'Opening hours; null means always open' },
);

const WidgetMemberResponse = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  botId: Nullable(Type.String()),
  email: Nullable(Type.String()),
  alias: Type.String(),
  avatarUrl: Nullable(Type.String()),
  memberType: Type.String(),
  tags: Type.Array(Type.String()),
});

export const WidgetResponse = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  channelType: Type.Enum([...channelTypes], { description: 'How its conversations arrive: the web widget, an API inbox run by a backend, an external chat server' }),
  ownerUserId: Nullable(Type.String()),
  name: Type.String(),
  destinationEmail: Nullable(Type.String()),
  emailRequired: Type.Boolean(),
  messageRequired: Type.Boolean(),
  proactiveEnabled: Type.Boolean(),
  conversationsEnabled: Type.Boolean(),
  schedule: Nullable(WidgetScheduleSchema),
  allowedDomains: Type.Array(Type.String()),
  blockedIps: Type.Array(Type.String()),
  members: Type.Array(WidgetMemberResponse),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A Hub SDK agent link of a widget; request bodies are checked against it too. */
export const HubLinkSchema = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 100 }), url: HttpUrl },
  { additionalProperties: false },
);

// Conversations

/** A message as every client sees it (private notes are only ever sent to agents). */
export const MessageResponse = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  conversationId: Type.String(),
  senderType: Type.Enum([...senderTypes]),
  senderId: Nullable(Type.String()),
  senderName: Nullable(Type.String()),
  kind: Type.Enum([...messageKinds]),
  body: Type.String(),
  content: Nullable(Type.Record(Type.String(), Type.Unknown())),
  private: Type.Boolean(),
  createdAt: Timestamp,
});

export const ContactResponse = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  identifier: Nullable(Type.String({ description: "The integrating system's own id for the person (API channels)" })),
  createdAt: Timestamp,
  lastSeenAt: Nullable(Timestamp),
});

/** What we learned about the visitor's browser when the conversation started; also the stored shape. */
const VisitorContextSchema = Type.Object({
  ip: Type.Optional(Type.String()),
  userAgent: Type.Optional(Type.String()),
  browser: Type.Optional(Type.String()),
  os: Type.Optional(Type.String()),
  pageUrl: Type.Optional(Type.String()),
  entryUrl: Type.Optional(Type.String()),
  referrerUrl: Type.Optional(Type.String()),
  locale: Type.Optional(Type.String()),
  geo: Type.Optional(
    Type.Object({
      city: Type.Optional(Type.String()),
      region: Type.Optional(Type.String()),
      countryCode: Type.Optional(Type.String()),
      latitude: Type.Optional(Type.Number()),
      longitude: Type.Optional(Type.Number()),
    }),
  ),
  customFields: Type.Optional(Type.Record(Type.String(), Type.String())),
  jsVariables: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const AssigneeSchema = Type.Object({ type: Type.Enum(['user', 'bot']), id: Type.String() });
const LabelSchema = Type.Object({ name: Type.String(), value: Type.String() });

const ConversationResponse = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  widgetId: Type.String(),
  contactId: Type.String(),
  status: ConversationStatusSchema,
  source: Type.Enum([...conversationSources]),
  assignee: Nullable(AssigneeSchema),
  visitorContext: VisitorContextSchema,
  language: Nullable(Type.String()),
  labels: Type.Array(LabelSchema),
  createdAt: Timestamp,
  assignedAt: Nullable(Timestamp),
  lastActivityAt: Timestamp,
  closedAt: Nullable(Timestamp),
  closedBy: Nullable(Type.Enum([...closeReasons])),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
});

export const ConversationSummaryResponse = Type.Object({
  conversation: ConversationResponse,
  contact: Nullable(ContactResponse),
  lastMessage: Nullable(MessageResponse),
  unreadCount: Type.Integer({ minimum: 0, description: 'Visitor messages no agent has read yet (read receipts)' }),
  /** Search results only: the text that matched. */
  match: Type.Optional(Nullable(Type.String())),
});

export const ConversationDetailResponse = Type.Object({
  ...ConversationSummaryResponse.properties,
  pageHistory: Type.Array(Type.Object({ url: Type.String(), title: Nullable(Type.String()), viewedAt: Timestamp })),
  previousConversations: Type.Array(ConversationSummaryResponse),
});

// Integrations

/** A webhook subscription: never its signing secret, only whether an auth token is set. */
export const WebhookResponse = Type.Object({
  id: Type.String(),
  widgetId: Nullable(Type.String()),
  format: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  hasAuthToken: Type.Boolean(),
  fallbackEmail: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
});

/** A payload format a webhook may use; `scope` says whether it is per widget. */
export const WebhookFormatResponse = Type.Object({
  id: Type.String(),
  description: Type.String(),
  scope: Type.Enum([...webhookScopes]),
  events: Type.Array(Type.String()),
  emailOnFailure: Type.Boolean(),
});

export const WebhookDeliveryResponse = Type.Object({
  id: Type.String({ description: 'Also the X-Switchboard-Delivery header of every attempt' }),
  webhookId: Type.String(),
  eventId: Type.Integer(),
  event: Type.String(),
  state: DeliveryStateSchema,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  lastError: Nullable(Type.String()),
  contentType: Type.String(),
  createdAt: Timestamp,
  settledAt: Nullable(Timestamp),
});

/** A bot member: its endpoint, never its token. */
export const BotResponse = Type.Object({
  id: Type.String({ description: 'Use as `botId` in a widget member to have the bot take its chats first' }),
  name: Type.String(),
  endpointUrl: Nullable(Type.String()),
  hasEndpointToken: Type.Boolean(),
  protocol: Type.String({ description: 'How the bot is spoken to: an id from `GET /bot-protocols`. A bot whose protocol no longer exists hands its chats to people' }),
  presence: BotPresenceSchema,
  createdAt: Timestamp,
});

/** A protocol bots may speak, offered by a vendor dialect. */
export const BotProtocolResponse = Type.Object({
  id: Type.String({ description: 'Prefixed with the dialect: `snapengage.bot-api`' }),
  description: Type.String(),
});

/** The caller's organization and its settings (admins only). */
export const OrganizationResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  accountNumber: Type.Integer({ description: "SnapEngage's numeric `org`" }),
  transcriptsEnabled: Type.Boolean({ description: 'Visitors may ask for the chat transcript by e-mail; off stops every such e-mail, also those still waiting' }),
});

/**
 * The signed-in person's personal access token for token APIs (Chatwoot's `api_access_token`),
 * with the account id those APIs put in their paths. `token` is only in the answer that makes one.
 */
export const PersonalAccessTokenResponse = Type.Object({
  accountId: Type.Integer({ description: "The organization's account number: Chatwoot's `account_id`" }),
  createdAt: Nullable(Timestamp),
  token: Type.Optional(Type.String({ description: 'Shown once, when made; only its hash is kept' })),
});

export type UserView = Static<typeof UserResponse>;
export type TeammateView = Static<typeof TeammateResponse>;
export type ApiKeyView = Static<typeof ApiKeyResponse>;
export type WidgetSchedule = Static<typeof WidgetScheduleSchema>;
export type WidgetMemberView = Static<typeof WidgetMemberResponse>;
export type WidgetView = Static<typeof WidgetResponse>;
export type HubLink = Static<typeof HubLinkSchema>;
export type MessageView = Static<typeof MessageResponse>;
export type ContactView = Static<typeof ContactResponse>;
export type VisitorContext = Static<typeof VisitorContextSchema>;
export type ConversationView = Static<typeof ConversationResponse>;
export type ConversationSummaryView = Static<typeof ConversationSummaryResponse>;
export type ConversationDetailView = Static<typeof ConversationDetailResponse>;
export type WebhookView = Static<typeof WebhookResponse>;
export type WebhookFormatView = Static<typeof WebhookFormatResponse>;
export type WebhookDeliveryView = Static<typeof WebhookDeliveryResponse>;
export type BotView = Static<typeof BotResponse>;
export type BotProtocolView = Static<typeof BotProtocolResponse>;
export type OrganizationView = Static<typeof OrganizationResponse>;
export type PersonalAccessTokenView = Static<typeof PersonalAccessTokenResponse>;

/** Structured parts of a message's `content`: bot buttons and cards, attachment metadata, system events. Also the stored shape. */
export interface MessageContent {
  buttons?: Array<{ id?: string; text: string }>;
  cards?: { layout: 'VERTICAL' | 'HORIZONTAL'; items: Array<{ title: string; excerpt?: string; link?: string }> };
  attachment?: Attachment;
  event?: { name: string; data?: Record<string, unknown> };
  /** The sending integration's own id for the message, echoed back so it can recognize it (Chatwoot's `echo_id`). */
  echoId?: string;
  /** Attributes the sending integration attached (Chatwoot's `content_attributes`), kept and shown as given. */
  attributes?: Record<string, unknown>;
  /** When the message was withdrawn (ISO time): its text and file are gone. */
  deletedAt?: string;
}

/** A file sent in a chat, as carried by an `attachment` message's content. */
export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}
