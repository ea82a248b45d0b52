import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConversationDetailResponse } from '../../../../protocol/native-api.ts';
import { invalid, notFound } from '../../../core/errors.ts';
import {
  getConversationDetail,
  getMessagePage,
  listConversationSummaries,
  searchConversations,
} from '../../../core/queries/conversation-browsing.ts';
import { actorOf, type NativeActor } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams } from './schemas/common.ts';
import {
  ConversationListEnvelope,
  ConversationListQuery,
  MessagePageEnvelope,
  MessagePageQuery,
  presentDetail,
  presentSummary,
  SearchQuery,
} from './schemas/conversations.ts';

/** `assignee=me` needs a person behind the request; an API key has no "me". */
function assigneeFilter(actor: NativeActor, assignee: string | undefined): string | undefined {
  if (assignee !== 'me') return assignee;
  if (actor.kind !== 'session') throw invalid('assignee', 'assignee "me" needs a logged-in console user; pass a user id instead');
  return actor.user.id;
}

/**
 * Reading conversations: the console's lists (queue, my chats, history), one chat with
 * its visitor's details, its messages page by page, and search. Changes go through the
 * realtime actions; every read is scoped to the caller's organization.
 */
export const conversationRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['conversations'];
  const config = { access: 'member' as const };

  app.get(
    '/conversations',
    {
      config,
      schema: { tags, summary: 'List conversations, filtered by status, widget and assignee', querystring: ConversationListQuery, response: { 200: ConversationListEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { status, widgetId, assignee, before, order, limit } = request.query;
      const summaries = await listConversationSummaries(core, actor.organizationId, {
        ...(status && { statuses: status }),
        ...(widgetId && { widgetId }),
        ...(assignee && { assigneeUserId: assigneeFilter(actor, assignee) }),
        ...(before && { before: new Date(before) }),
        ...(order && { order }),
        ...(limit && { limit }),
      });
      return { conversations: summaries.map(presentSummary) };
    },
  );

  app.get(
    '/conversations/search',
    {
      config,
      schema: { tags, summary: 'Full-text search over messages, contact names and e-mails', querystring: SearchQuery, response: { 200: ConversationListEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const text = request.query.q.trim();
      if (text.length < 2) throw invalid('q', 'q must contain at least 2 characters besides spaces');
      const hits = await searchConversations(core, actorOf(request).organizationId, text, request.query.limit ?? 30);
      return { conversations: hits.map(presentSummary) };
    },
  );

  app.get(
    '/conversations/:id',
    {
      config,
      schema: { tags, summary: 'One conversation with its visitor, page history and previous conversations', params: IdParams, response: { 200: ConversationDetailResponse, ...nativeErrorResponses } },
    },
    async (request) => {
      const detail = await getConversationDetail(core, actorOf(request).organizationId, request.params.id);
      if (!detail) throw notFound('conversation not found');
      return presentDetail(detail);
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      config,
      schema: { tags, summary: 'Messages of a conversation, newest page first; internal notes included', params: IdParams, querystring: MessagePageQuery, response: { 200: MessagePageEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const { beforeSeq, limit } = request.query;
      const page = await getMessagePage(core, actorOf(request).organizationId, request.params.id, { ...(beforeSeq && { beforeSeq }), limit: limit ?? 100 });
      if (!page) throw notFound('conversation not found');
      return page;
    },
  );
};
