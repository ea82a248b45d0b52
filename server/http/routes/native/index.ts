import type { FastifyPluginAsync } from 'fastify';
import { nativeAuthentication } from '../../plugins/native-auth.ts';
import { nativeErrorHandler, nativeNotFoundHandler } from '../../plugins/native-errors.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { authRoutes } from './auth.ts';
import type { NativeApiOptions } from './options.ts';
import { userRoutes } from './users.ts';
import { widgetRoutes } from './widgets.ts';

/** How the OpenAPI document says a route is authenticated: the session cookie or a bearer API key. */
const AUTHENTICATED: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

/**
 * The native API used by our widget and console; documented at /openapi.json.
 * Its own fastify scope, so its error shape and authentication never leak into the vendor dialects.
 */
export const nativeApi: FastifyPluginAsync<NativeApiOptions> = async (app, options) => {
  app.decorateRequest('actor', null);
  app.setErrorHandler(nativeErrorHandler);
  app.addHook('onRequest', nativeAuthentication(options.core));
  app.setNotFoundHandler(nativeNotFoundHandler);
  app.addHook('onRoute', (route) => {
    if (route.config?.access !== 'public') route.schema = { security: AUTHENTICATED, ...route.schema };
  });

  await app.register(authRoutes, options);
  await app.register(widgetRoutes, options);
  await app.register(userRoutes, options);
  await app.register(apiKeyRoutes, options);
};
