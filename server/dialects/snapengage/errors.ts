import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError } from '../kit.ts';

/** SnapEngage's error body, as its Agent Status API documents it: `{"code":400,"message":"…"}`. */
export interface SnapEngageError {
  code: number;
  message: string;
}

type FieldNames = Readonly<Record<string, string>>;

/** Core names fields neutrally; SnapEngage clients know them by the vendor's names. First match wins. */
const VENDOR_FIELD_NAMES: Array<[RegExp, string]> = [
  [/^members\[(\d+)\]\.email/, 'agents[$1].agentId'],
  [/^members\[(\d+)\]\.alias/, 'agents[$1].agentAlias'],
  [/^members\[(\d+)\]/, 'agents[$1]'],
  [/^schedule\.timeZone/, 'conversationSchedule.timeZone'],
  [/^schedule\.ranges\[(\d+)\]/, 'conversationSchedule.schedules[$1]'],
  [/^schedule/, 'conversationSchedule'],
];

/** A core field's vendor name: an API's own names first (exact match), then the dialect-wide table. */
function vendorField(field: string, apiNames: FieldNames): string {
  if (Object.hasOwn(apiNames, field)) return apiNames[field]!;
  const match = VENDOR_FIELD_NAMES.find(([pattern]) => pattern.test(field));
  return match ? field.replace(match[0], match[1]) : field;
}

/**
 * The message in the vendor's words. A message that does not mention its field
 * (e.g. core's `unknown time zone "Mars/Base"`) is prefixed with it, so a client always learns which field to fix.
 */
function vendorMessage(message: string, field: string | undefined, apiNames: FieldNames): string {
  if (!field) return message;
  const named = vendorField(field, apiNames);
  return message.includes(field) ? message.replace(field, named) : `${named}: ${message}`;
}

/**
 * The dialect's error handler. `apiNames` gives one API's names for core fields where
 * they differ from the dialect-wide table (Visitor Chat calls core's `message` `visitorMessage`).
 */
export function snapEngageErrorHandlerNaming(apiNames: FieldNames) {
  return function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const classified = classifyError(error);
    if (classified.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(classified.status).send({
      code: classified.status,
      message: vendorMessage(classified.message, classified.field, apiNames),
    } satisfies SnapEngageError);
  };
}

export const snapEngageErrorHandler = snapEngageErrorHandlerNaming({});
