import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/context.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { getWidgetEmbedRules, isHostAllowed } from '../../../core/queries/public-widget.ts';
import { nativeErrorHandler } from '../../plugins/native-errors.ts';
import { builtFileReader, type BuiltFile } from './bundle.ts';
import { hostOf } from './host-of.ts';

const NOT_BUILT = 'the widget script is not built yet: run "npm run build:widget"';

/**
 * Short enough that a new release reaches visitors within minutes, long enough that a visitor
 * browsing the site loads the script once; after that a revalidation costs a 304.
 */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** A built file with the cache headers of the widget's files: revalidated by ETag after five minutes. */
function sendBuilt(request: FastifyRequest, reply: FastifyReply, file: BuiltFile, contentType: string) {
  reply
    .type(contentType)
    .header('cache-control', CACHE_CONTROL)
    .header('etag', file.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    // Pages that isolate themselves (COEP) may still load the script; the widget fetches the
    // language files from customers' pages, so any origin may read them.
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('access-control-allow-origin', '*');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(file.gzipped);
  return reply.send(file.body);
}

/**
 * `GET /js/{widgetId}.js`: the widget script a page's snippet loads. The file is the same for
 * every widget (it reads its widget id from its own URL), so one ETag per build serves all.
 * Unknown widgets get a 404 and pages outside the widget's allowed domains a 403, so a
 * removed widget disappears from sites instead of showing a box that cannot connect.
 */
export const widgetScriptRoutes: FastifyPluginAsyncTypebox<{ core: Core; bundleDir?: string }> = async (app, { core, bundleDir }) => {
  app.setErrorHandler(nativeErrorHandler);
  const readBuilt = builtFileReader(bundleDir);
  const notBuilt = (request: FastifyRequest, reply: FastifyReply) => reply.code(503).send({ error: { code: 'unavailable', message: NOT_BUILT, requestId: request.id } });

  app.get(
    '/js/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[^/]+\\.js$', maxLength: 100 }) }) } },
    async (request, reply) => {
      const widgetId = request.params.file.slice(0, -'.js'.length);
      const rules = await getWidgetEmbedRules(core, widgetId);
      if (!rules) throw notFound(`no widget with id ${widgetId}`);
      // Browsers send the embedding page as Referer (with the default policy at least its origin).
      const host = hostOf(request.headers.referer);
      if (host !== undefined && !isHostAllowed(rules.allowedDomains, host)) throw forbidden(`this widget may not be embedded on ${host}`);
      const bundle = await readBuilt('widget.js');
      return bundle ? sendBuilt(request, reply, bundle, 'text/javascript; charset=utf-8') : notBuilt(request, reply);
    },
  );

  /**
   * The widget's texts in one language (English is in the script itself), fetched when a page
   * or a visitor needs it: languages cost the script nothing, however many there are.
   */
  app.get(
    '/js/i18n/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[a-z]{2}\\.json$' }) }) } },
    async (request, reply) => {
      if (!(await readBuilt('widget.js'))) return notBuilt(request, reply);
      const catalogue = await readBuilt(`i18n/${request.params.file}`);
      if (!catalogue) throw notFound(`no translation ${request.params.file}`);
      return sendBuilt(request, reply, catalogue, 'application/json; charset=utf-8');
    },
  );
};
