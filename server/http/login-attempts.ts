import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { Config } from '../config/config.ts';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * One pair of counters per app, whichever route checks the password (the console's /auth/login,
 * a vendor's sign-in such as Chatwoot's /auth/sign_in): an attacker gains nothing by alternating
 * routes. Keyed by the app's HTTP server, which every fastify scope of one app shares.
 */
const countersByApp = new WeakMap<object, { perIpAndEmail: Limiter; perIp: Limiter }>();

/**
 * Per client IP *and* e-mail: guessing one account's password, without letting an attacker lock a
 * colleague out from another network. The e-mail is read as /auth/login normalizes it, from
 * whatever body arrived (it may be malformed then).
 */
function attemptKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

function countersOf(app: FastifyInstance, limits: Config['loginLimits']) {
  let counters = countersByApp.get(app.server);
  if (!counters) {
    counters = {
      perIpAndEmail: app.createRateLimit({ max: limits.perIpAndEmailPerMinute, timeWindow: 60_000, keyGenerator: attemptKey }),
      // Per client IP alone: a few passwords tried on many e-mails (spraying), which the first never sees.
      perIp: app.createRateLimit({ max: limits.perIpPerMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip }),
    };
    countersByApp.set(app.server, counters);
  }
  return counters;
}

/**
 * The limits on sign-in attempts, as a `preValidation` hook: counted before validation so
 * malformed attempts count too. A refusal is an error with status 429 and Retry-After, which each
 * API's error handler renders in its own shape.
 */
export function loginAttemptGuard(app: FastifyInstance, limits: Config['loginLimits']): preValidationAsyncHookHandler {
  const counters = countersOf(app, limits);
  return async (request, reply) => {
    for (const count of [counters.perIp, counters.perIpAndEmail]) {
      const limit = await count(request);
      if (limit.isAllowed || !limit.isExceeded) continue;
      reply.header('retry-after', limit.ttlInSeconds);
      throw Object.assign(new Error(`Rate limit exceeded, retry in ${limit.ttlInSeconds} s`), { statusCode: 429 });
    }
  };
}
