import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  type Caller,
  type Core,
  DomainError,
  type DialectOptions,
  getOrganization,
  issueAccessToken,
  loginAttemptGuard,
  notFound,
  setAgentPresence,
  updateUser,
  type User,
  verifyCredentials,
} from '../../kit.ts';
import { authenticateEveryRoute, presentedToken, requireToken, sessionOf } from '../auth.ts';
import { CHATWOOT_AVAILABILITIES, presenceOf, presentProfile } from '../presenters/user.ts';
import { pubsubTokenOf } from '../pubsub-token.ts';

/** How long a token handed out by `/auth/sign_in` works; the personal token (console) lasts until regenerated. */
const SIGN_IN_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** devise_token_auth's answer to any failed sign-in, word for word: clients match on it. */
const BAD_CREDENTIALS = { success: false, errors: ['Invalid login credentials. Please try again.'] };

const SignInBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** `PUT /api/v1/profile`: what may change here (e-mail and password are changed in the console). */
const ProfileBody = Type.Object({
  profile: Type.Object({
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    display_name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    availability: Type.Optional(Type.Enum(CHATWOOT_AVAILABILITIES)),
  }),
});

/** The token is the person's own credential: they act as themselves, like a signed-in console user. */
const PERSON: Caller = { kind: 'session' };

async function profileOf(core: Core, user: User, accessToken: string) {
  const account = await getOrganization(core, user.organizationId);
  if (!account) throw notFound('account not found');
  return presentProfile(user, account, { accessToken, pubsubToken: await pubsubTokenOf(core, user) });
}

/** `/api/v1/profile`: the token's own user. */
const profileRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  authenticateEveryRoute(app, requireToken(core));

  // The token shown is the one this request came with: only hashes are kept, and it is the caller's own.
  app.get('/api/v1/profile', async (request) => profileOf(core, sessionOf(request).user, presentedToken(request)!));

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/api/v1/profile',
    schema: { body: ProfileBody },
    handler: async (request) => {
      const { user } = sessionOf(request);
      const { name, display_name: displayName, availability } = request.body.profile;
      let updated = await updateUser(
        core,
        user.organizationId,
        user.id,
        { ...(name !== undefined && { name }), ...(displayName !== undefined && { alias: displayName?.trim() || null }) },
        PERSON,
      );
      if (availability !== undefined) {
        const change = await setAgentPresence(core, user.organizationId, user.id, presenceOf(availability));
        updated = { ...updated, presence: change.status };
      }
      return profileOf(core, updated, presentedToken(request)!);
    },
  });
};

/**
 * Chatwoot's `POST /auth/sign_in` (devise_token_auth) and `/api/v1/profile`. Signing in checks the
 * password with the console's login, under its attempt limits, and answers a new access token of
 * its own (`sign_in`, 30 days), so it never reveals or replaces the personal token.
 */
export const signInRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  const refuse = (reply: FastifyReply) => reply.code(401).send(BAD_CREDENTIALS);

  app.post(
    '/auth/sign_in',
    {
      // Counted with the console's login attempts (and instead of the general per-IP limit).
      config: { rateLimit: false },
      preValidation: loginAttemptGuard(app, config.loginLimits),
      schema: { body: SignInBody },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      if (!email || !password) return refuse(reply);
      let user: User;
      try {
        user = await verifyCredentials(core, email, password);
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'unauthorized') return refuse(reply);
        throw error;
      }
      const { token } = await issueAccessToken(core, user.organizationId, user.id, 'sign_in', SIGN_IN_TOKEN_TTL_MS);
      return { data: await profileOf(core, user, token) };
    },
  );

  await app.register(profileRoutes, { core, config });
};
