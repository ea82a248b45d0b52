import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { logIn } from '../../../core/commands/log-in.ts';
import { logOut } from '../../../core/commands/log-out.ts';
import { loginAttemptGuard } from '../../login-attempts.ts';
import { SESSION_COOKIE, sessionCookieOptions, sessionUserOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { LoginBody } from './schemas/auth.ts';
import { NoContent } from './schemas/common.ts';
import { presentUser, UserEnvelope } from './schemas/users.ts';

/** Console sessions: log in (sets the cookie), log out, and who am I. */
export const authRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const cookieOptions = sessionCookieOptions(config);

  app.post(
    '/auth/login',
    {
      // Counted with every other sign-in route's attempts (login-attempts.ts), instead of the general per-IP limit.
      config: { access: 'public', rateLimit: false },
      preValidation: loginAttemptGuard(app, config.loginLimits),
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
