import { Type, type Static } from 'typebox';
import type { ConversationDetail, ConversationSummary, Contact, PageView } from '../../../../core/queries/conversation-browsing.ts';
import type { Conversation } from '../../../../core/types.ts';
import { Nullable, Timestamp } from './common.ts';

/** Conversation lists, detail, message pages and search: what the console reads over HTTP. */

const Status = Type.Enum(['queued', 'open', 'closed']);
const Limit = (max: number, fallback: number) => Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback }));

/** Query schemas leave unknown parameters alone (cache busters, tracking), as HTTP clients expect. */
export const ConversationListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(Status, { maxItems: 3, description: 'Repeat for several: ?status=queued&status=open' })),
    widgetId: Type.Optional(Type.String({ maxLength: 64 })),
    assignee: Type.Optional(Type.String({ maxLength: 64, description: '"me" (the logged-in user) or a user id' })),
    before: Type.Optional(Type.String({ format: 'date-time', description: 'Only conversations started before this instant (next page)' })),
    order: Type.Optional(Type.Enum(['oldest', 'newest'], { default: 'newest' })),
    limit: Limit(200, 50),
  },
);

export const MessagePageQuery = Type.Object(
  {
    beforeSeq: Type.Optional(Type.Integer({ minimum: 1, description: 'Only messages older than this one (next page upwards)' })),
    limit: Limit(500, 100),
  },
);

export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 2, maxLength: 200, description: 'Words or a fragment of a message, name or e-mail' }), limit: Limit(100, 30) },
);

const MessageSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  conversationId: Type.String(),
  senderType: Type.Enum(['visitor', 'agent', 'bot', 'system']),
  senderId: Nullable(Type.String()),
  senderName: Nullable(Type.String()),
  kind: Type.Enum(['text', 'note', 'attachment', 'structured', 'event']),
  body: Type.String(),
  content: Nullable(Type.Record(Type.String(), Type.Unknown())),
  private: Type.Boolean(),
  createdAt: Timestamp,
});

export const ContactSchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  createdAt: Timestamp,
  lastSeenAt: Nullable(Timestamp),
});

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

const ConversationSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  widgetId: Type.String(),
  contactId: Type.String(),
  status: Status,
  source: Type.Enum(['manual', 'proactive', 'offline']),
  assignee: Nullable(Type.Object({ type: Type.Enum(['user', 'bot']), id: Type.String() })),
  visitorContext: VisitorContextSchema,
  language: Nullable(Type.String()),
  labels: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  createdAt: Timestamp,
  assignedAt: Nullable(Timestamp),
  lastActivityAt: Timestamp,
  closedAt: Nullable(Timestamp),
  closedBy: Nullable(Type.Enum(['agent', 'visitor', 'timed_out', 'no_agents_found'])),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
});

const SummarySchema = Type.Object({
  conversation: ConversationSchema,
  contact: Nullable(ContactSchema),
  lastMessage: Nullable(MessageSchema),
  match: Type.Optional(Nullable(Type.String())),
});

export const ConversationListEnvelope = Type.Object({ conversations: Type.Array(SummarySchema) });
export const ConversationDetailEnvelope = Type.Object({
  ...SummarySchema.properties,
  pageHistory: Type.Array(Type.Object({ url: Type.String(), title: Nullable(Type.String()), viewedAt: Timestamp })),
  previousConversations: Type.Array(SummarySchema),
});
export const MessagePageEnvelope = Type.Object({ messages: Type.Array(MessageSchema), hasMore: Type.Boolean() });
export const ContactEnvelope = Type.Object({ contact: ContactSchema });

const iso = (date: Date | null) => date && date.toISOString();

export function presentContact(contact: Contact): Static<typeof ContactSchema> {
  return { ...contact, createdAt: contact.createdAt.toISOString(), lastSeenAt: iso(contact.lastSeenAt) };
}

function presentConversation(c: Conversation): Static<typeof ConversationSchema> {
  return {
    id: c.id,
    number: c.number,
    widgetId: c.widgetId,
    contactId: c.contactId,
    status: c.status,
    source: c.source,
    assignee: c.assignee,
    visitorContext: c.visitorContext,
    language: c.language,
    labels: c.labels,
    createdAt: c.createdAt.toISOString(),
    assignedAt: iso(c.assignedAt),
    lastActivityAt: c.lastActivityAt.toISOString(),
    closedAt: iso(c.closedAt),
    closedBy: c.closedBy,
    rating: c.rating,
    ratingComment: c.ratingComment,
  };
}


export function presentSummary(summary: ConversationSummary): Static<typeof SummarySchema> {
  return {
    conversation: presentConversation(summary.conversation),
    contact: summary.contact && presentContact(summary.contact),
    lastMessage: summary.lastMessage,
    ...(summary.match !== undefined && { match: summary.match }),
  };
}

const presentPageView = (view: PageView) => ({ url: view.url, title: view.title, viewedAt: view.viewedAt.toISOString() });

export function presentDetail(detail: ConversationDetail): Static<typeof ConversationDetailEnvelope> {
  return {
    ...presentSummary(detail.summary),
    pageHistory: detail.pageHistory.map(presentPageView),
    previousConversations: detail.previousConversations.map(presentSummary),
  };
}
