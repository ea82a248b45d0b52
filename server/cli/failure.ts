import { inspect } from 'node:util';
import { ConfigError } from '../config/config.ts';
import { DomainError } from '../core/errors.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';

/** A failure the user can act on: printed as one line, never as a stack trace. */
export class CliError extends Error {}

/** Turns any start-up failure into one sentence that says what to change. */
export function describeFailure(failure: unknown, context: { port?: number; databaseUrl?: string; dataDir?: string } = {}): string {
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
  if (isEmbeddedFileSystemError(error)) {
    const code = EMBEDDED_ERRNO_NAMES[error.errno] ?? `errno ${error.errno}`;
    return `the embedded database${context.dataDir ? ` in ${context.dataDir}` : ''} could not use its files (${code}); is another process using DATA_DIR, or is it not a Switchboard data folder?`;
  }
  return inWords(error);
}

/** An error's message; anything else thrown (a string, a plain object) rendered on one line, never "[object Object]". */
function inWords(value: unknown): string {
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message.trim()) return message;
  if (typeof value === 'string' && value.trim()) return value;
  if (value instanceof Error) return value.name;
  return `unexpected failure: ${inspect(value, { depth: 2, breakLength: Infinity })}`;
}

/**
 * PGlite's file layer (Emscripten) throws `{ name: 'ErrnoError', errno }`, no Error and no message, e.g.
 * when two processes create the database in one folder at once. Its errno numbers are WASI's, not the host's.
 */
function isEmbeddedFileSystemError(error: unknown): error is { errno: number } {
  return (error as { name?: unknown } | null)?.name === 'ErrnoError' && typeof (error as { errno?: unknown }).errno === 'number';
}

const EMBEDDED_ERRNO_NAMES: Record<number, string> = {
  2: 'EACCES: permission denied',
  10: 'EBUSY: resource busy',
  20: 'EEXIST: file already exists',
  29: 'EIO: input/output error',
  31: 'EISDIR: is a directory',
  44: 'ENOENT: no such file or directory',
  51: 'ENOSPC: no space left on device',
  54: 'ENOTDIR: not a directory',
  55: 'ENOTEMPTY: directory not empty',
  63: 'EPERM: operation not permitted',
  69: 'EROFS: read-only file system',
};

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
