import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Dialect } from '../kit.ts';
import { chatwootErrorHandler } from './errors.ts';
import { chatwootWebhookFormats } from './outbound/index.ts';
import { parseRailsForm } from './params.ts';
import { accountRoutes } from './routes/index.ts';
import { signInRoutes } from './routes/sign-in.ts';

/**
 * Chatwoot's Application API (`/api/v1/accounts/{account_id}/…` with `api_access_token`), its
 * sign-in and profile, and its webhooks (docs/chatwoot.md). Bodies may be JSON, urlencoded or
 * multipart with string values, as Chatwoot's Rails params accept and codegen clients send.
 * Left out of our OpenAPI document: the vendor documents them.
 */
export const chatwoot: Dialect = {
  id: 'chatwoot',
  async routes(app, options) {
    app.setErrorHandler(chatwootErrorHandler);
    app.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    // Form fields nest as Rails reads them (`channel[type]=api`, `user_ids[]=1`).
    await app.register(formbody, { parser: parseRailsForm });
    await app.register(multipart, { limits: { fileSize: options.config.attachmentMaxBytes, files: 10, fields: 100 } });
    await app.register(signInRoutes, options);
    await app.register(accountRoutes, { ...options, prefix: '/api/v1/accounts/:account_id' });
  },
  webhookFormats: chatwootWebhookFormats,
};
