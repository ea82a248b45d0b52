import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { updateWidgetUiSettings } from '../../../core/commands/update-widget-ui-settings.ts';
import type { WidgetUiSettings } from '../../../core/commands/widget-ui-settings.ts';
import type { Core } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { getWidgetUiSettings } from '../../../core/queries/public-widget.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import { IdParams } from '../native/schemas/common.ts';

/** The document's rules live in the core (widget-ui-settings.ts), which names the offending field. */
const SettingsEnvelope = Type.Object({ settings: Type.Unsafe<WidgetUiSettings>(Type.Record(Type.String(), Type.Unknown())) });

/** The visitor widget's look and behaviour: members may read it, admins replace it. */
export const widgetUiSettingsRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['widgets'];

  app.get(
    '/widgets/:id/ui-settings',
    {
      config: { access: 'member' },
      schema: { tags, summary: "A widget's look and behaviour, defaults filled in", params: IdParams, response: { 200: SettingsEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const settings = await getWidgetUiSettings(core, actorOf(request).organizationId, request.params.id);
      if (!settings) throw notFound('widget not found');
      return { settings };
    },
  );

  app.put(
    '/widgets/:id/ui-settings',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Replace a widget's look and behaviour (fields left out take their defaults)",
        params: IdParams,
        body: SettingsEnvelope,
        response: { 200: SettingsEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => ({ settings: await updateWidgetUiSettings(core, actorOf(request).organizationId, request.params.id, request.body.settings) }),
  );
};
