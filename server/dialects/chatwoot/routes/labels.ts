import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { type Core, createLabel, deleteLabel, type DialectOptions, getLabelDefinitionByPublicId, getLabelDefinitions, type LabelDefinition, type LabelFields, notFound, updateLabel } from '../../kit.ts';
import { administratorsOnly, sessionOf } from '../auth.ts';
import { readRailsBodies } from '../body.ts';
import { Flag, flagValue } from '../params.ts';
import { presentLabel } from '../presenters/label.ts';

/**
 * The fields Chatwoot's labels controller permits. JSON bodies may be flat (Rails wraps them in
 * `label`) or wrapped; forms send `label[title]=…`. Values are judged by core (label-fields.ts).
 */
const LabelFieldsSchema = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000 })),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  color: Type.Optional(Type.String({ maxLength: 100 })),
  show_on_sidebar: Type.Optional(Flag),
});
const LabelBody = Type.Object({ ...LabelFieldsSchema.properties, label: Type.Optional(LabelFieldsSchema) });
const LabelParams = Type.Object({ account_id: Type.String(), id: Type.String({ maxLength: 20 }) });

/** The wrapped fields win, as Rails' `params.require(:label)` reads only those when present. */
function fieldsOf(body: Static<typeof LabelBody>): LabelFields {
  const fields = body.label ?? body;
  return {
    ...(fields.title !== undefined && { title: fields.title }),
    ...(fields.description !== undefined && { description: fields.description }),
    ...(fields.color !== undefined && { color: fields.color }),
    ...(fields.show_on_sidebar !== undefined && { showOnSidebar: flagValue(fields.show_on_sidebar) }),
  };
}

async function findLabelOr404(core: Core, organizationId: string, id: string): Promise<LabelDefinition> {
  const label = await getLabelDefinitionByPublicId(core, organizationId, id);
  if (!label) throw notFound('label not found');
  return label;
}

/**
 * `/labels`: the account's label definitions. Everyone in the account reads them (Chatwoot lets
 * only administrators `show` one; reading is harmless, so agents may here too); administrators
 * change them. Conversations carry labels by name (`/conversations/{id}/labels`) with or without
 * a definition, as in Chatwoot.
 */
export const labelRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  readRailsBodies(app);

  app.get('/labels', async (request) => ({ payload: (await getLabelDefinitions(core, sessionOf(request).account.id)).map(presentLabel) }));

  app.get('/labels/:id', { schema: { params: LabelParams } }, async (request) => presentLabel(await findLabelOr404(core, sessionOf(request).account.id, request.params.id)));

  app.post('/labels', { preValidation: administratorsOnly, schema: { body: LabelBody } }, async (request) =>
    presentLabel(await createLabel(core, sessionOf(request).account.id, fieldsOf(request.body))),
  );

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/labels/:id',
    preValidation: administratorsOnly,
    schema: { params: LabelParams, body: LabelBody },
    handler: async (request) => {
      const { account } = sessionOf(request);
      const label = await findLabelOr404(core, account.id, request.params.id);
      return presentLabel(await updateLabel(core, account.id, label.id, fieldsOf(request.body)));
    },
  });

  app.delete('/labels/:id', { preValidation: administratorsOnly, schema: { params: LabelParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    await deleteLabel(core, account.id, (await findLabelOr404(core, account.id, request.params.id)).id);
    return reply.code(200).send();
  });
};
