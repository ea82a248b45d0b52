import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from '../../../config/config.ts';
import type { Core } from '../../../core/context.ts';
import { installNativeAuthentication } from '../../plugins/native-auth.ts';
import { nativeErrorHandler } from '../../plugins/native-errors.ts';
import { acceptJsonBodiesOnly } from '../native/json-body.ts';
import { VISITOR_TOKEN_HEADER } from '../native/attachments.ts';
import { widgetPublicApi } from './public-api.ts';
import { widgetScriptRoutes } from './script.ts';
import { widgetUiSettingsRoutes } from './ui-settings.ts';
import { visitorFileRoutes } from './visitor-files.ts';

/**
 * The widget runs on customers' pages, so any origin may read these answers. No cookies are
 * involved (visitors prove themselves with their token header), so `*` grants nothing extra.
 */
function allowAnyOrigin(app: FastifyInstance): void {
  // onSend also covers errors and rate limits, so the widget can always read why a call failed.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });
  app.options('/public/*', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST, OPTIONS')
      .header('access-control-allow-headers', `content-type, ${VISITOR_TOKEN_HEADER}`)
      .header('access-control-max-age', '86400')
      .send(),
  );
}

/**
 * Everything the visitor widget needs over HTTP: its script (`/js/{widgetId}.js`), the public
 * endpoints it calls from customers' pages, and the admins' settings editor. The chat itself
 * runs over the realtime gateway.
 */
export const visitorWidget: FastifyPluginAsync<{ core: Core; config: Config; bundleDir?: string }> = async (app, { core, config, bundleDir }) => {
  await app.register(widgetScriptRoutes, { core, ...(bundleDir !== undefined && { bundleDir }) });
  await app.register(
    async (api) => {
      api.setErrorHandler(nativeErrorHandler);
      acceptJsonBodiesOnly(api);
      installNativeAuthentication(api, core, config.publicUrl);
      await api.register(async (open) => {
        allowAnyOrigin(open);
        await open.register(widgetPublicApi, { core, config });
        await open.register(visitorFileRoutes, { core, config });
      });
      await api.register(widgetUiSettingsRoutes, { core });
    },
    { prefix: '/native/v1' },
  );
};
