import type { FastifyPluginAsync } from 'fastify';
import type { Core } from '../../../core/context.ts';
import { installNativeAuthentication } from '../../plugins/native-auth.ts';
import { nativeErrorHandler } from '../../plugins/native-errors.ts';
import { acceptJsonBodiesOnly } from '../native/json-body.ts';
import { widgetPublicApi } from './public-api.ts';
import { widgetScriptRoutes } from './script.ts';
import { widgetUiSettingsRoutes } from './ui-settings.ts';

/**
 * Everything the visitor widget needs over HTTP: its script (`/js/{widgetId}.js`) and its
 * native endpoints (public configuration, transcript, notes; the admins' settings editor).
 * The chat itself runs over the realtime gateway.
 */
export const visitorWidget: FastifyPluginAsync<{ core: Core; bundleDir?: string }> = async (app, { core, bundleDir }) => {
  await app.register(widgetScriptRoutes, { core, ...(bundleDir !== undefined && { bundleDir }) });
  await app.register(
    async (api) => {
      api.setErrorHandler(nativeErrorHandler);
      acceptJsonBodiesOnly(api);
      installNativeAuthentication(api, core);
      await api.register(widgetPublicApi, { core });
      await api.register(widgetUiSettingsRoutes, { core });
    },
    { prefix: '/native/v1' },
  );
};
