import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError } from '../../http/errors.ts';

/** SnapEngage's error body, as its Agent Status API documents it: `{"code":400,"message":"…"}`. */
export interface SnapEngageError {
  code: number;
  message: string;
}

/** Core names fields neutrally; SnapEngage clients know them by the vendor's names. */
const VENDOR_FIELD_NAMES: Array<[RegExp, string]> = [
  [/^members\[(\d+)\]\.email/, 'agents[$1].agentId'],
  [/^members\[(\d+)\]\.alias/, 'agents[$1].agentAlias'],
  [/^members\[(\d+)\]/, 'agents[$1]'],
  [/^schedule\.timeZone/, 'conversationSchedule.timeZone'],
  [/^schedule/, 'conversationSchedule'],
];

function vendorMessage(message: string, field: string | undefined): string {
  if (!field) return message;
  for (const [pattern, replacement] of VENDOR_FIELD_NAMES) {
    if (pattern.test(field)) return message.replace(field, field.replace(pattern, replacement));
  }
  return message;
}

export function snapEngageErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  if (classified.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(classified.status).send({
    code: classified.status,
    message: vendorMessage(classified.message, classified.field),
  } satisfies SnapEngageError);
}
