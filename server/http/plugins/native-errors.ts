import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { classifyError, type ClassifiedError } from '../errors.ts';

/** The one error body of the native API, so the console and widget handle every failure the same way. */
export const NativeErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Machine-readable kind, e.g. invalid, unauthorized, forbidden, not_found, conflict, unavailable (the database is away: retry)' }),
      message: Type.String({ description: 'Human-readable sentence naming the offending field, if any' }),
      field: Type.Optional(Type.String({ description: 'Path of the input to blame, e.g. members[0].alias' })),
      requestId: Type.String({ description: 'Also sent as the x-request-id header; quote it when reporting a problem' }),
    }),
  },
  { description: 'Error' },
);
export type NativeErrorBody = Static<typeof NativeErrorBody>;

/** Spread into every route's `response` so serialization and the OpenAPI document both know the error shape. */
export const nativeErrorResponses = { '4xx': NativeErrorBody, '5xx': NativeErrorBody } as const;

function errorBody(request: FastifyRequest, { code, message, field }: Omit<ClassifiedError, 'status'>): NativeErrorBody {
  return { error: { code, message, ...(field !== undefined && { field }), requestId: request.id } };
}

export function nativeErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  // 4xx are the caller's doing and would drown real faults; 5xx are ours and need the stack.
  if (classified.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(classified.status).send(errorBody(request, classified));
}

/** Unknown paths under the native prefix answer in the native shape, not fastify's default. */
export function nativeNotFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0];
  return reply.code(404).send(errorBody(request, { code: 'not_found', message: `no endpoint ${request.method} ${path}` }));
}
