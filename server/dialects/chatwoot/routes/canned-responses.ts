import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import {
  type CannedResponse,
  type CannedResponseFields,
  type Core,
  createCannedResponse,
  deleteCannedResponse,
  type DialectOptions,
  getCannedResponseByPublicId,
  getCannedResponses,
  notFound,
  updateCannedResponse,
} from '../../kit.ts';
import { sessionOf } from '../auth.ts';
import { readRailsBodies } from '../body.ts';
import { presentCannedResponse } from '../presenters/canned-response.ts';

/** The fields Chatwoot permits, flat (Rails wraps them) or in `canned_response`; core judges the values. */
const CannedFieldsSchema = Type.Object({
  short_code: Type.Optional(Type.String({ maxLength: 1000 })),
  content: Type.Optional(Type.String({ maxLength: 100_000 })),
});
const CannedBody = Type.Object({ ...CannedFieldsSchema.properties, canned_response: Type.Optional(CannedFieldsSchema) });
const CannedParams = Type.Object({ account_id: Type.String(), id: Type.String({ maxLength: 20 }) });
const ListQuery = Type.Object({ search: Type.Optional(Type.String({ maxLength: 1000 })) });

/** The wrapped fields win, as Rails' `params.require(:canned_response)` reads only those when present. */
function fieldsOf(body: Static<typeof CannedBody>): CannedResponseFields {
  const fields = body.canned_response ?? body;
  return { ...(fields.short_code !== undefined && { shortCode: fields.short_code }), ...(fields.content !== undefined && { content: fields.content }) };
}

async function findCannedResponseOr404(core: Core, organizationId: string, id: string): Promise<CannedResponse> {
  const response = await getCannedResponseByPublicId(core, organizationId, id);
  if (!response) throw notFound('canned response not found');
  return response;
}

/**
 * `/canned_responses`: the account's ready-made replies, a bare array of raw rows. Chatwoot's
 * controller checks no role: every member of the account, agents too, may add, change and
 * delete them, and so they may here. There is no `GET /canned_responses/{id}` in Chatwoot.
 */
export const cannedResponseRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  readRailsBodies(app);

  app.get('/canned_responses', { schema: { querystring: ListQuery } }, async (request) => {
    const { account } = sessionOf(request);
    return (await getCannedResponses(core, account.id, request.query.search)).map((response) => presentCannedResponse(response, account));
  });

  app.post('/canned_responses', { schema: { body: CannedBody } }, async (request) => {
    const { account } = sessionOf(request);
    return presentCannedResponse(await createCannedResponse(core, account.id, fieldsOf(request.body)), account);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/canned_responses/:id',
    schema: { params: CannedParams, body: CannedBody },
    handler: async (request) => {
      const { account } = sessionOf(request);
      const response = await findCannedResponseOr404(core, account.id, request.params.id);
      return presentCannedResponse(await updateCannedResponse(core, account.id, response.id, fieldsOf(request.body)), account);
    },
  });

  app.delete('/canned_responses/:id', { schema: { params: CannedParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    await deleteCannedResponse(core, account.id, (await findCannedResponseOr404(core, account.id, request.params.id)).id);
    return reply.code(200).send();
  });
};
