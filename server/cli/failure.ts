import { ConfigError } from '../config/config.ts';
import { DomainError } from '../core/errors.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';

/** A failure the user can act on: printed as one line, never as a stack trace. */
export class CliError extends Error {}

/** Turns any start-up failure into one sentence that says what to change. */
export function describeFailure(failure: unknown, context: { port?: number; databaseUrl?: string } = {}): string {
  const error = rootCause(failure);
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DomainError || error instanceof DataDirLockedError) return error.message;
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `port ${context.port} is already in use; stop the other process or set PORT`;
  if (code === 'EACCES') return `not allowed to listen on port ${context.port}; use a port above 1024`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `${(error as Error).message.split('. ')[0]}; see switchboard --help`;
  }
  if (context.databaseUrl && isConnectionFailure(error)) {
    return `cannot reach the database at ${safeDatabaseTarget(context.databaseUrl)} (${code ?? (error as Error).message}); check DATABASE_URL`;
  }
  return (error as Error).message ?? String(error);
}

/** Drivers and the ORM wrap the system error (e.g. "Failed query: …" around ECONNREFUSED); the innermost one says what happened. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}

function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '3D000', '28000'].includes(code) || /timeout|terminated/i.test(message);
}

/** host:port/database without the password. */
function safeDatabaseTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
