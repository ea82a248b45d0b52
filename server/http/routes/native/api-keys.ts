import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createApiKey } from '../../../core/commands/create-api-key.ts';
import { revokeApiKey } from '../../../core/commands/revoke-api-key.ts';
import { getApiKeys } from '../../../core/queries/api-keys.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import {
  ApiKeyListEnvelope,
  CreateApiKeyBody,
  CreatedApiKeyEnvelope,
  presentApiKey,
} from './schemas/api-keys.ts';
import { IdParams, NoContent } from './schemas/common.ts';

/**
 * API keys of the organization; admin-only. The secret exists in clear only in the create response.
 * A key that makes a key grants at most its own scopes (core/scopes.ts).
 */
export const apiKeyRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['api-keys'];

  app.get(
    '/api-keys',
    {
      schema: { tags, summary: 'List API keys, revoked ones included (never their secrets)', response: { 200: ApiKeyListEnvelope, ...nativeErrorResponses } },
    },
    async (request) => ({ apiKeys: (await getApiKeys(core, actorOf(request).organizationId)).map(presentApiKey) }),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key; the secret is in this response only',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyEnvelope, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const { name, scopes } = request.body;
      const actor = actorOf(request);
      const { apiKey, secret } = await createApiKey(core, actor.organizationId, name, scopes, actor);
      return reply.code(201).send({ apiKey: presentApiKey(apiKey), secret });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: { tags, summary: 'Revoke an API key; it stays listed for audit', params: IdParams, response: { 204: NoContent, ...nativeErrorResponses } },
    },
    async (request, reply) => {
      await revokeApiKey(core, actorOf(request).organizationId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
