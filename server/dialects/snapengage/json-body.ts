import type { FastifyInstance } from 'fastify';

/**
 * Reads every request body of the calling plugin as JSON, whatever its Content-Type.
 * The reference's own Python samples send the JSON body with no Content-Type at all
 * (`requests` with a string `data`), and curl without `-H` labels it form-urlencoded.
 * A client written from those samples must not be turned away with a 415.
 * Only affects the (encapsulated) plugin it is called in.
 */
export function readBodiesAsJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
}
