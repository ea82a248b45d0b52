import type { FastifyRequest } from 'fastify';
import type { VisitorRef } from '../../../core/commands/visitor-requests.ts';
import type { Core } from '../../../core/context.ts';
import { DomainError } from '../../../core/errors.ts';
import { authenticateVisitorToken } from '../../../core/queries/attachments.ts';
import { VISITOR_TOKEN_HEADER } from '../native/attachments.ts';

/** The visitor behind the token the widget got in the realtime `ready` frame; 401 without a valid one. */
export async function visitorOf(core: Core, request: FastifyRequest): Promise<VisitorRef> {
  const token = request.headers[VISITOR_TOKEN_HEADER];
  const visitor = typeof token === 'string' ? await authenticateVisitorToken(core, token) : undefined;
  if (!visitor) throw new DomainError('unauthorized', `send the visitor's token in the ${VISITOR_TOKEN_HEADER} header`);
  return visitor;
}
