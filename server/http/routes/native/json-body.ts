import type { FastifyInstance } from 'fastify';

/**
 * The native API reads JSON and nothing else: other content types get a 415
 * rather than fastify's default text/plain parser turning them into strings.
 * An empty body labelled JSON counts as no body, because fetch helpers (ours
 * included) set `Content-Type: application/json` on every call, also on
 * bodiless POST /auth/logout and DELETE. Affects only the plugin it is called in.
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    return text === '' ? done(null, undefined) : parseJson(request, text, done);
  });
}
