import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { logIn } from '../../../core/commands/log-in.ts';
import { logOut } from '../../../core/commands/log-out.ts';
import { SESSION_COOKIE, sessionCookieOptions, sessionUserOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { LoginBody } from './schemas/auth.ts';
import { NoContent } from './schemas/common.ts';
import { presentUser, UserEnvelope } from './schemas/users.ts';

/**
 * Two limits on sign-in attempts, both counted before validation so malformed attempts count too
 * (the body may be anything then). Per client IP *and* e-mail: guessing one account's password,
 * without letting an attacker lock a colleague out from another network. Per client IP alone:
 * trying a few passwords on many e-mails (spraying), which the first never sees.
 */
function loginAttemptKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/** The same 429 as the route's own limiter: the native error shape with code `rate_limited`, and Retry-After. */
function sprayLimitHook(app: FastifyInstance, perIpPerMinute: number): preValidationAsyncHookHandler {
  const countAttempt = app.createRateLimit({ max: perIpPerMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip });
  return async (request, reply) => {
    const limit = await countAttempt(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', limit.ttlInSeconds);
    throw Object.assign(new Error(`Rate limit exceeded, retry in ${limit.ttlInSeconds} s`), { statusCode: 429 });
  };
}

/** Console sessions: log in (sets the cookie), log out, and who am I. */
export const authRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const cookieOptions = sessionCookieOptions(config);
  const { perIpAndEmailPerMinute, perIpPerMinute } = config.loginLimits;

  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: perIpAndEmailPerMinute, timeWindow: 60_000, hook: 'preValidation', keyGenerator: loginAttemptKey },
      },
      preValidation: sprayLimitHook(app, perIpPerMinute),
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the sb_session cookie',
        body: LoginBody,
        response: { 200: UserEnvelope, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const { user, token } = await logIn(core, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return { user: presentUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'End the current session and clear its cookie', response: { 204: NoContent, ...nativeErrorResponses } },
    },
    async (request, reply) => {
      // The hook authenticated this very cookie, so it is present.
      await logOut(core, request.cookies[SESSION_COOKIE]!);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'The logged-in console user', response: { 200: UserEnvelope, ...nativeErrorResponses } },
    },
    async (request) => ({ user: presentUser(sessionUserOf(request)) }),
  );
};
