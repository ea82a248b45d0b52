import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/context.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { getWidgetEmbedRules, isHostAllowed } from '../../../core/queries/public-widget.ts';
import { nativeErrorHandler } from '../../plugins/native-errors.ts';
import { widgetBundleReader, type WidgetBundle } from './bundle.ts';

/**
 * Short enough that a new release reaches visitors within minutes, long enough that a visitor
 * browsing the site loads the script once; after that a revalidation costs a 304.
 */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

/** The host of the page that embeds the script (browsers send the page as Referer; `strict-origin` at least gives its origin). */
function embeddingHost(request: FastifyRequest): string | undefined {
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).hostname;
  } catch {
    return undefined;
  }
}

function sendBundle(request: FastifyRequest, reply: FastifyReply, bundle: WidgetBundle) {
  reply
    .type('text/javascript; charset=utf-8')
    .header('cache-control', CACHE_CONTROL)
    .header('etag', bundle.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    // Pages that isolate themselves (COEP) may still load the script.
    .header('cross-origin-resource-policy', 'cross-origin');
  if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(bundle.gzipped);
  return reply.send(bundle.body);
}

/**
 * `GET /js/{widgetId}.js`: the widget script a page's snippet loads. The file is the same for
 * every widget (it reads its widget id from its own URL), so one ETag per build serves all.
 * Unknown widgets get a 404 and pages outside the widget's allowed domains a 403, so a
 * removed widget disappears from sites instead of showing a box that cannot connect.
 */
export const widgetScriptRoutes: FastifyPluginAsyncTypebox<{ core: Core; bundleDir?: string }> = async (app, { core, bundleDir }) => {
  app.setErrorHandler(nativeErrorHandler);
  const readBundle = widgetBundleReader(bundleDir);

  app.get(
    '/js/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[^/]+\\.js$', maxLength: 100 }) }) } },
    async (request, reply) => {
      const widgetId = request.params.file.slice(0, -'.js'.length);
      const rules = await getWidgetEmbedRules(core, widgetId);
      if (!rules) throw notFound(`no widget with id ${widgetId}`);
      const host = embeddingHost(request);
      if (host !== undefined && !isHostAllowed(rules.allowedDomains, host)) throw forbidden(`this widget may not be embedded on ${host}`);
      const bundle = await readBundle();
      if (!bundle) {
        return reply.code(503).send({ error: { code: 'unavailable', message: 'the widget script is not built yet: run "npm run build:widget"', requestId: request.id } });
      }
      return sendBundle(request, reply, bundle);
    },
  );
};
