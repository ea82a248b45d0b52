import type { FastifyPluginAsync } from 'fastify';
import { installNativeAuthentication } from '../../plugins/native-auth.ts';
import { nativeErrorHandler, nativeNotFoundHandler } from '../../plugins/native-errors.ts';
import { accessTokenRoutes } from './access-token.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { attachmentRoutes } from './attachments.ts';
import { authRoutes } from './auth.ts';
import { botRoutes } from './bots.ts';
import { contactRoutes } from './contacts.ts';
import { conversationRoutes } from './conversations.ts';
import { widgetConsoleRoutes } from './hub-links.ts';
import { acceptJsonBodiesOnly } from './json-body.ts';
import type { NativeApiOptions } from './options.ts';
import { organizationRoutes } from './organization.ts';
import { teamRoutes } from './team.ts';
import { userRoutes } from './users.ts';
import { webhookRoutes } from './webhooks.ts';
import { widgetRoutes } from './widgets.ts';

/**
 * The native API used by our widget and console; documented at /openapi.json.
 * Its own fastify scope, so its error shape and authentication never leak into the vendor dialects.
 */
export const nativeApi: FastifyPluginAsync<NativeApiOptions> = async (app, { core, config }) => {
  app.setErrorHandler(nativeErrorHandler);
  app.setNotFoundHandler(nativeNotFoundHandler);
  acceptJsonBodiesOnly(app);
  installNativeAuthentication(app, core, config.publicUrl);

  // Only these two are passed on: the register options also carry our `prefix`, which children would apply again.
  const options: NativeApiOptions = { core, config };
  for (const routes of [authRoutes, accessTokenRoutes, widgetRoutes, userRoutes, apiKeyRoutes, attachmentRoutes, conversationRoutes, contactRoutes, widgetConsoleRoutes, teamRoutes, organizationRoutes]) await app.register(routes, options);
  await app.register(webhookRoutes, options);
  await app.register(botRoutes, options);
};
