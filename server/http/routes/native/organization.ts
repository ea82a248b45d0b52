import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { OrganizationResponse } from '../../../../protocol/native-api.ts';
import { updateOrganization } from '../../../core/commands/update-organization.ts';
import { notFound } from '../../../core/errors.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { Name } from './schemas/common.ts';

const OrganizationEnvelope = Type.Object({ organization: OrganizationResponse });
const UpdateOrganizationBody = Type.Object(
  { name: Type.Optional(Name), transcriptsEnabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** The caller's own organization and its settings; admin-only (the default access). */
export const organizationRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['organization'];

  app.get(
    '/organization',
    { schema: { tags, summary: 'Read the organization and its settings', response: { 200: OrganizationEnvelope, ...nativeErrorResponses } } },
    async (request) => {
      const organization = await getOrganization(core, actorOf(request).organizationId);
      if (!organization) throw notFound('organization not found');
      return { organization };
    },
  );

  app.patch(
    '/organization',
    {
      schema: {
        tags,
        summary: 'Rename the organization or switch transcript e-mails on or off; fields left out stay',
        body: UpdateOrganizationBody,
        response: { 200: OrganizationEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => ({ organization: await updateOrganization(core, actorOf(request).organizationId, request.body) }),
  );
};
