import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PersonalAccessTokenResponse } from '../../../../protocol/native-api.ts';
import { issueAccessToken } from '../../../core/commands/issue-access-token.ts';
import { notFound } from '../../../core/errors.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { getPersonalAccessTokenCreatedAt } from '../../../core/queries/personal-access-token.ts';
import type { Core } from '../../../core/context.ts';
import { sessionUserOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';

const AccessTokenEnvelope = Type.Object({ accessToken: PersonalAccessTokenResponse });

async function accountIdOf(core: Core, request: FastifyRequest): Promise<number> {
  const organization = await getOrganization(core, sessionUserOf(request).organizationId);
  if (!organization) throw notFound('organization not found');
  return organization.accountNumber;
}

/**
 * The console user's own personal access token, for APIs that authenticate a person by token
 * (Chatwoot's `api_access_token`). For people only (`session`): an API key is not a person. Making
 * one replaces the previous token at once; the token is in that answer only.
 */
export const accessTokenRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['auth'];

  app.get(
    '/me/access-token',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Whether the logged-in user has a personal access token (since when), and their account id',
        response: { 200: AccessTokenEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      const user = sessionUserOf(request);
      const createdAt = await getPersonalAccessTokenCreatedAt(core, user.organizationId, user.id);
      return { accessToken: { accountId: await accountIdOf(core, request), createdAt: createdAt?.toISOString() ?? null } };
    },
  );

  app.post(
    '/me/access-token',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Make a new personal access token, replacing the previous one; shown in this answer only',
        response: { 200: AccessTokenEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      const user = sessionUserOf(request);
      const issued = await issueAccessToken(core, user.organizationId, user.id, 'personal');
      return { accessToken: { accountId: await accountIdOf(core, request), createdAt: issued.createdAt.toISOString(), token: issued.token } };
    },
  );
};
