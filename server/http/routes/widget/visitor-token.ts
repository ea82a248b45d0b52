import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VisitorRef } from '../../../core/commands/visitor-requests.ts';
import type { Core } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { authenticateVisitorToken } from '../../../core/queries/attachments.ts';
import { withRetryAfter, type MessageBudget } from '../../../realtime/action-budget.ts';
import { VISITOR_TOKEN_HEADER } from '../native/attachments.ts';

/** The visitor behind the token the widget got in the realtime `ready` frame; 401 without a valid one. */
export async function visitorOf(core: Core, request: FastifyRequest): Promise<VisitorRef> {
  const token = request.headers[VISITOR_TOKEN_HEADER];
  const visitor = typeof token === 'string' ? await authenticateVisitorToken(core, token) : undefined;
  if (!visitor) throw new DomainError('unauthorized', `send the visitor's token in the ${VISITOR_TOKEN_HEADER} header`);
  return visitor;
}

/**
 * The visitor behind the token, charged one message in `conversationId` against their own and
 * the conversation's allowances, which the realtime `send_message` shares: over either, a 429
 * with Retry-After and nothing stored.
 */
export async function visitorSending(core: Core, messages: MessageBudget, request: FastifyRequest, reply: FastifyReply, conversationId: string): Promise<VisitorRef> {
  const visitor = await visitorOf(core, request);
  withRetryAfter(reply, () => messages.spend({ contactId: visitor.contactId, conversationId }));
  return visitor;
}
