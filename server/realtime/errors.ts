import { DomainError } from '../core/errors.ts';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../http/errors.ts';
import { RateLimited } from './action-budget.ts';
import { FrameError } from './frame-reader.ts';
import type { ErrorFrame } from '../../protocol/realtime.ts';

/** Errors that are the client's doing (bad frame, refused command) and carry words it may read. */
export function isClientError(error: unknown): error is FrameError | DomainError {
  return error instanceof FrameError || error instanceof DomainError;
}

/** Any failure as an error frame; the words of unexpected errors stay in our log, never on the wire. */
export function errorFrame(error: unknown, requestId?: string): ErrorFrame {
  const base = { type: 'error' as const, ...(requestId !== undefined && { requestId }) };
  if (error instanceof RateLimited) return { ...base, code: error.code, message: error.message, retryAfter: error.retryAfterSeconds };
  if (error instanceof FrameError) return { ...base, code: error.code, message: error.message, ...(error.field && { field: error.field }) };
  if (error instanceof DomainError) return { ...base, code: error.kind, message: error.message, ...(error.field && { field: error.field }) };
  if (isDatabaseUnavailable(error)) return { ...base, code: 'unavailable', message: DATABASE_UNAVAILABLE_MESSAGE };
  return { ...base, code: 'internal', message: 'internal error; the request may be retried' };
}

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
export function closeReason(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  return bytes.length <= 123 ? message : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '') + '...';
}
