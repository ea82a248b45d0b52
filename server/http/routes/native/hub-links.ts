import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HubLinkSchema } from '../../../../protocol/native-api.ts';
import { setHubLinks } from '../../../core/commands/set-hub-links.ts';
import { notFound } from '../../../core/errors.ts';
import { hubLinksOf } from '../../../core/queries/hub-links.ts';
import { getWidget } from '../../../core/queries/widgets.ts';
import { widgetSnippet } from '../../../presenters/widget-snippet.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams } from './schemas/common.ts';

const HubLinksBody = Type.Object({ links: Type.Array(HubLinkSchema, { maxItems: 10 }) }, { additionalProperties: false });
const HubLinksEnvelope = Type.Object({ links: Type.Array(HubLinkSchema) });
const SnippetEnvelope = Type.Object({ snippet: Type.String() });

/**
 * Per-widget extras of the console: the Hub SDK's persistent agent links (agents read
 * them to show the iframes, admins set them) and the embed snippet to copy.
 */
export const widgetConsoleRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const tags = ['widgets'];

  const widgetOf = async (organizationId: string, id: string) => {
    const widget = await getWidget(core, organizationId, id);
    if (!widget) throw notFound('widget not found');
    return widget;
  };

  app.get(
    '/widgets/:id/hub-links',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Hub SDK agent links shown beside chats of this widget', params: IdParams, response: { 200: HubLinksEnvelope, ...nativeErrorResponses } },
    },
    async (request) => ({ links: hubLinksOf(await widgetOf(actorOf(request).organizationId, request.params.id)) }),
  );

  app.put(
    '/widgets/:id/hub-links',
    {
      schema: { tags, summary: 'Replace the Hub SDK agent links of a widget', params: IdParams, body: HubLinksBody, response: { 200: HubLinksEnvelope, ...nativeErrorResponses } },
    },
    async (request) => ({ links: await setHubLinks(core, actorOf(request).organizationId, request.params.id, request.body.links) }),
  );

  app.get(
    '/widgets/:id/snippet',
    {
      schema: { tags, summary: 'The HTML snippet that embeds the widget on a website', params: IdParams, response: { 200: SnippetEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const widget = await widgetOf(actorOf(request).organizationId, request.params.id);
      return { snippet: widgetSnippet(config.publicUrl, widget.id) };
    },
  );
};
