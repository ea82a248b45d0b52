import { Type } from 'typebox';
import {
  ContactResponse,
  ConversationStatusSchema,
  ConversationSummaryResponse,
  MessageResponse,
  SequenceNumber,
  type ContactView,
  type ConversationDetailView,
  type ConversationSummaryView,
  type ConversationView,
} from '../../../../../protocol/native-api.ts';
import type { ConversationDetail, ConversationSummary, Contact, PageView } from '../../../../core/queries/conversation-browsing.ts';
import type { Conversation } from '../../../../core/types.ts';

/** Conversation lists, detail, message pages and search: what the console reads over HTTP. */

const Limit = (max: number, fallback: number) => Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback }));

/** Query schemas leave unknown parameters alone (cache busters, tracking), as HTTP clients expect. */
export const ConversationListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(ConversationStatusSchema, { maxItems: 3, description: 'Repeat for several: ?status=queued&status=open' })),
    widgetId: Type.Optional(Type.String({ maxLength: 64 })),
    assignee: Type.Optional(Type.String({ maxLength: 64, description: '"me" (the logged-in user) or a user id' })),
    before: Type.Optional(Type.String({ format: 'date-time', description: 'Only conversations started before this instant (next page)' })),
    order: Type.Optional(Type.Enum(['oldest', 'newest'], { default: 'newest' })),
    limit: Limit(200, 50),
  },
);

export const MessagePageQuery = Type.Object(
  {
    beforeSeq: Type.Optional(SequenceNumber({ minimum: 1, description: 'Only messages older than this one (next page upwards)' })),
    limit: Limit(500, 100),
  },
);

export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 2, maxLength: 200, description: 'Words or a fragment of a message, name or e-mail' }), limit: Limit(100, 30) },
);

export const ConversationListEnvelope = Type.Object({ conversations: Type.Array(ConversationSummaryResponse) });
export const MessagePageEnvelope = Type.Object({ messages: Type.Array(MessageResponse), hasMore: Type.Boolean() });
export const ContactEnvelope = Type.Object({ contact: ContactResponse });

const iso = (date: Date | null) => date && date.toISOString();

export function presentContact(contact: Contact): ContactView {
  return { ...contact, createdAt: contact.createdAt.toISOString(), lastSeenAt: iso(contact.lastSeenAt) };
}

function presentConversation(c: Conversation): ConversationView {
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


export function presentSummary(summary: ConversationSummary): ConversationSummaryView {
  return {
    conversation: presentConversation(summary.conversation),
    contact: summary.contact && presentContact(summary.contact),
    lastMessage: summary.lastMessage,
    unreadCount: summary.unreadCount,
    ...(summary.match !== undefined && { match: summary.match }),
  };
}

const presentPageView = (view: PageView) => ({ url: view.url, title: view.title, viewedAt: view.viewedAt.toISOString() });

export function presentDetail(detail: ConversationDetail): ConversationDetailView {
  return {
    ...presentSummary(detail.summary),
    pageHistory: detail.pageHistory.map(presentPageView),
    previousConversations: detail.previousConversations.map(presentSummary),
  };
}
