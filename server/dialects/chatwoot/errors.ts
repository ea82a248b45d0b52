import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError } from '../kit.ts';

/**
 * Chatwoot's error bodies, as its controllers render them (research/chatwoot.md §2.1): a missing
 * record `{"error":"Resource could not be found"}` (404), a bad token or a refused action
 * `{"error":"…"}` (401: Chatwoot answers authorization failures with 401 too), a record that does
 * not validate `{"message":"…","attributes":["field"]}` (422), any other bad parameter
 * `{"error":"…"}` (422). Clients parse `error` or `message`; both carry our sentence naming the field.
 */
export type ChatwootError = { error: string } | { message: string; attributes: string[] };

const STATUS: Record<string, number> = { invalid: 422, conflict: 422, forbidden: 401, unauthorized: 401, not_found: 404 };

export function chatwootErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  if (classified.status >= 500) request.log.error({ err: error }, 'request failed');
  const status = STATUS[classified.code] ?? classified.status;
  // Chatwoot's exact words: clients that match on them keep working; which resource is in the URL.
  if (status === 404) return reply.code(404).send({ error: 'Resource could not be found' } satisfies ChatwootError);
  const body: ChatwootError = classified.field ? { message: classified.message, attributes: [classified.field] } : { error: classified.message };
  return reply.code(status).send(body);
}
