/**
 * PostgreSQL error codes (SQLSTATE) that mean the session was lost or could not start, not that
 * the statement was wrong: class 08 (connection exception) and the operator interventions below.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown: another backend crashed and the server restarts
  '57P03', // cannot_connect_now: the server is starting up, shutting down or in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** Socket failures on the way to the database server. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * What node-postgres (pg 8, pg-pool 3) says, without a code, when a connection dies, cannot be
 * made in time, or was already lost when a query came: its own words are all there is to go by.
 */
const UNAVAILABLE_DRIVER_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end)/;

/**
 * Whether a failure means the database could not be reached or the connection to it was lost (a
 * restart, a failover, a network cut, an administrator ending sessions) rather than a fault of
 * the statement. Such failures pass: callers answer "try again" and carry on.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someErrorInChain(error, (current) => {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    return UNAVAILABLE_DRIVER_MESSAGE.test(current.message);
  });
}

/**
 * Whether a write lost a race on a unique index (SQLSTATE 23505): two requests stored the same
 * title, e-mail or key at the same moment, and the second one's check could not see the first.
 * Commands check uniqueness first and answer in words; this is the safety net for the race.
 */
export function isUniqueViolation(error: unknown): boolean {
  return someErrorInChain(error, (current) => (current as { code?: unknown }).code === '23505');
}

/** Tests the error and what it wraps: drizzle's `cause`, and the `AggregateError` of a connect that tried several addresses. */
function someErrorInChain(error: unknown, test: (error: Error) => boolean): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!(current instanceof Error) || seen.has(current)) continue;
    seen.add(current);
    if (test(current)) return true;
    pending.push(current.cause);
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return false;
}
