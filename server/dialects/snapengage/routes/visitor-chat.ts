import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import {
  buildVisitorContext,
  classifyError,
  closeConversation,
  type DialectOptions,
  DomainError,
  getConversation,
  getVisitorTimeline,
  invalid,
  MessageBudget,
  notFound,
  postVisitorMessage,
  startConversation,
  withRetryAfter,
} from '../../kit.ts';
import { keyFromApiKeyHeader, organizationOf, guardRoutesWithApiKey } from '../api-key-auth.ts';
import { snapEngageErrorHandlerNaming, type SnapEngageError } from '../errors.ts';
import { presentPollLines } from '../presenters-visitor-chat.ts';
import { mergeBodyIntoQuery } from '../request-parameters.ts';
import { trackTypingSignals } from '../typing-signals.ts';
import {
  CaseParams,
  MESSAGE_TYPE,
  PollQuery,
  PollResponse,
  SendMessageParams,
  SendMessageResponse,
  StartChatParams,
  StartChatResponse,
} from '../schemas/visitor-chat.ts';

const CHAT_PATH = '/api/v1/chat';
const POLL_PATH = '/api/v1/chat/poll/:caseId';

/** Core's neutral names for the fields this API calls otherwise. */
const renderError = snapEngageErrorHandlerNaming({ message: 'visitorMessage', body: 'messageBody' });

function visitorChatErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // The reference: "404 Not Found – Widget or Chat object not found (Empty response)".
  if (classifyError(error).status === 404) return reply.code(404).send();
  return renderError(error, request, reply);
}

/** The reference's 405 is "something is wrong with the structure of your request"; the body says what is allowed. */
function methodNotAllowed(allowed: string[]): RouteHandlerMethod {
  return async (request, reply) =>
    reply
      .code(405)
      .header('allow', allowed.join(', '))
      .send({ code: 405, message: `${request.method} is not allowed on this path; use ${allowed.join(' or ')}` } satisfies SnapEngageError);
}

/** Core refuses to add to a closed conversation with a conflict; the reference's only word for a bad request is 400. */
function endedChatAsBadRequest(error: unknown): never {
  if (error instanceof DomainError && error.kind === 'conflict') throw invalid('caseId', 'caseId names a chat that has ended');
  throw error;
}

/**
 * Visitor Chat API: an app (or a server on its behalf) chats as the visitor. Start a chat,
 * send messages or end it, and poll for the agent's side. Key in `x-api-key`, scope `chat`.
 * `GET /api/v1/chat/{widgetId}` (availability) lives with the Widget Availability routes;
 * the static `poll` segment of this plugin's GET is matched before that parameter route.
 */
export const visitorChatRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  app.setErrorHandler(visitorChatErrorHandler);
  guardRoutesWithApiKey(app, core, 'chat', keyFromApiKeyHeader);
  mergeBodyIntoQuery(app);
  const typing = trackTypingSignals(core.bus);
  // The caller is an integration relaying many visitors from one address, each chat with a contact
  // of its own: a per-visitor allowance would add nothing, so each chat's allowance is the limit.
  const messages = new MessageBudget(config);
  app.addHook('onClose', async () => typing.stop());

  app.post(CHAT_PATH, { schema: { querystring: StartChatParams, response: { 200: StartChatResponse } } }, async (request) => {
    const params = request.query;
    const { conversation } = await startConversation(core, organizationOf(request), {
      widgetId: params.widgetId,
      visitor: { email: params.email || null, phone: params.phone || null },
      // The caller's address: the visitor's when an app calls directly, the integration's when a server relays.
      context: buildVisitorContext({
        ip: request.ip,
        userAgent: params.userAgent,
        locale: params.locale,
        customFields: params.appVersionName ? { appVersionName: params.appVersionName } : null,
      }),
      ...(params.visitorMessage !== undefined && { message: params.visitorMessage }),
      ...(params.isOffline && { source: 'offline' as const }),
    });
    return { caseId: conversation.id, widgetId: conversation.widgetId };
  });

  app.put(CHAT_PATH, { schema: { querystring: SendMessageParams, response: { 200: SendMessageResponse } } }, async (request, reply) => {
    const organizationId = organizationOf(request);
    const { caseId, messageType, messageBody } = request.query;
    const conversation = await getConversation(core, organizationId, caseId);
    if (!conversation) throw notFound(`no case with id ${caseId}`);
    if (messageType === MESSAGE_TYPE.close) {
      // Closing twice is harmless: the second call changes nothing. A body sent with a close is not posted.
      await closeConversation(core, organizationId, conversation.id, 'visitor');
      return { caseId: conversation.id, messageBody: messageBody ?? '', messageType: '2' as const };
    }
    if (messageBody === undefined) throw invalid('messageBody', 'messageBody is required when messageType is 1');
    withRetryAfter(reply, () => messages.spend({ conversationId: conversation.id }));
    const message = await postVisitorMessage(core, organizationId, conversation.id, conversation.contactId, messageBody).catch(
      endedChatAsBadRequest,
    );
    return { caseId: conversation.id, messageBody: message.body, messageType: '1' as const };
  });

  app.get(POLL_PATH, { schema: { params: CaseParams, querystring: PollQuery, response: { 200: PollResponse } } }, async (request) => {
    const organizationId = organizationOf(request);
    const timeline = await getVisitorTimeline(core, organizationId, request.params.caseId);
    if (!timeline) throw notFound(`no case with id ${request.params.caseId}`);
    const { conversationId, entries } = timeline;
    typing.relayVisitorTyping(organizationId, conversationId, request.query.isTyping);
    return { caseId: conversationId, messageList: presentPollLines(entries, request.query.index), agentTyping: typing.agentTyping(conversationId) };
  });

  app.route({ method: ['GET', 'DELETE', 'PATCH'], url: CHAT_PATH, handler: methodNotAllowed(['POST', 'PUT']) });
  app.route({ method: ['POST', 'PUT', 'DELETE', 'PATCH'], url: POLL_PATH, handler: methodNotAllowed(['GET']) });
};
