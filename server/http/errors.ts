import type { FastifyError } from 'fastify';
import { DomainError, type DomainErrorKind } from '../core/errors.ts';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/connection-errors.ts';

/** Any failure reduced to what an API family needs to render it in its own error shape. */
export interface ClassifiedError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  rate_limited: 429,
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The words for a database outage, shared by every API (the realtime gateway's error frame too). */
export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is unavailable; retry shortly';

/** Maps domain, validation and framework errors to status + words; a database outage is a 503, a lost unique race a 409, anything unknown a 500. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof DomainError) {
    return { status: STATUS_BY_KIND[error.kind], code: error.kind, message: error.message, ...(error.field && { field: error.field }) };
  }
  const fastifyError = error as FastifyError & { validation?: AjvIssue[] };
  if (Array.isArray(fastifyError.validation) && fastifyError.validation.length > 0) {
    return describeValidation(fastifyError.validation[0]!);
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: frameworkCode(status), message: frameworkMessage(fastifyError) };
  }
  // A restart, failover or network cut: the request may simply be sent again.
  if (isDatabaseUnavailable(error)) return { status: 503, code: 'unavailable', message: DATABASE_UNAVAILABLE_MESSAGE };
  // Two writes of the same unique value at once: the loser is told, as a sequential duplicate would be.
  if (isUniqueViolation(error)) return { status: 409, code: 'conflict', message: 'this value was just stored by another request; it is already taken' };
  return { status: 500, code: 'internal', message: 'internal server error' };
}

function frameworkCode(status: number): string {
  return { 400: 'invalid', 404: 'not_found', 405: 'method_not_allowed', 413: 'too_large', 415: 'unsupported_media_type', 429: 'rate_limited' }[status] ?? 'invalid';
}

function frameworkMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'request body is too large';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported content type; send application/json';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'request body must not be empty';
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'request body is not valid JSON';
  return error.message;
}

/** Turns one ajv issue into a sentence that starts with the field's name, e.g. "agents[0].agentType must be one of …". */
function describeValidation(issue: AjvIssue): ClassifiedError {
  const path = issue.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const missing = issue.params.missingProperty as string | undefined;
  const field = missing ? (path ? `${path}.${missing}` : missing) : path || 'body';
  const p = issue.params;
  const rule: Record<string, string> = {
    required: 'is required',
    type: `must be of type ${String(p.type)}`,
    maxLength: `must be shorter than ${Number(p.limit) + 1} characters`,
    minLength: Number(p.limit) === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`,
    enum: `must be one of: ${(p.allowedValues as unknown[] | undefined)?.join(', ')}`,
    format: `must be a valid ${String(p.format)}`,
    pattern: 'has an invalid format',
    minItems: `must have at least ${String(p.limit)} item(s)`,
    maxItems: `must have at most ${String(p.limit)} item(s)`,
    minimum: `must be at least ${String(p.limit)}`,
    maximum: `must be at most ${String(p.limit)}`,
    additionalProperties: `has an unknown property "${String(p.additionalProperty)}"`,
    const: `must be ${JSON.stringify(p.allowedValue)}`,
  };
  return { status: 400, code: 'invalid', field, message: `${field} ${rule[issue.keyword] ?? issue.message ?? 'is invalid'}` };
}
