import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { classifyError, type DialectOptions, getWidgetAvailability, notFound } from '../../kit.ts';
import { keyFromApiKeyHeader, organizationOf, guardRoutesWithApiKey } from '../api-key-auth.ts';
import { presentAvailability } from '../presenters.ts';
import { AvailabilityResponse, EmptyBody, PublicAvailabilityResponse, WidgetParams, type PublicAvailabilityError } from '../schemas/widget-availability.ts';

/**
 * Every failure of the public endpoint is an HTTP 200 whose `statusCode` is not 1: the
 * Android SDK reads the body with `getInputStream()`, which throws on 4xx/5xx, so any
 * other status would hide the error message from it.
 */
function publicErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  if (classified.status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(200).send({ statusCode: classified.status, error: { message: classified.message } } satisfies PublicAvailabilityError);
}

/**
 * Widget Availability API: no credentials, called by browsers from any site (the
 * reference's sample is a plain XHR) and by the mobile SDKs. It reveals only what a
 * visitor of the widget sees anyway, so any origin may read it; CORS is opened for
 * this plugin's routes only.
 */
export const publicWidgetAvailabilityRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  app.setErrorHandler(publicErrorHandler);
  // onSend runs for every answer of these routes, errors and rate limits included,
  // so a browser can always read the message.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });
  const path = '/public/api/v2/chat/:widgetId';

  // A plain GET needs no preflight; this answers clients that add headers of their own.
  app.options(path, async (request, reply) => {
    const requestedHeaders = request.headers['access-control-request-headers'];
    if (requestedHeaders) reply.header('access-control-allow-headers', requestedHeaders);
    return reply.code(204).header('access-control-allow-methods', 'GET, OPTIONS').header('access-control-max-age', '86400').send();
  });

  app.get(path, { schema: { params: WidgetParams, response: { 200: PublicAvailabilityResponse } } }, async (request) => {
    const availability = await getWidgetAvailability(core, request.params.widgetId);
    if (!availability) throw notFound(`no widget with id ${request.params.widgetId}`);
    return { statusCode: 1 as const, data: presentAvailability(availability) };
  });
};

/**
 * Visitor Chat API, "Check widget availability": the same answer without the envelope,
 * for a key with the `chat` scope. A widget of another organization is not found.
 * The parameter takes exactly one path segment (no catch-all), and fastify's router
 * prefers static segments, so `/api/v1/chat/poll/{caseId}` never reaches this route.
 */
export const visitorChatAvailabilityRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  guardRoutesWithApiKey(app, core, 'chat', keyFromApiKeyHeader);

  app.get('/api/v1/chat/:widgetId', { schema: { params: WidgetParams, response: { 200: AvailabilityResponse, 404: EmptyBody } } }, async (request, reply) => {
    const availability = await getWidgetAvailability(core, request.params.widgetId);
    // The reference: "404 Not Found – Widget or Chat object not found (Empty response)".
    if (!availability || availability.widget.organizationId !== organizationOf(request)) return reply.code(404).send();
    return presentAvailability(availability);
  });
};
