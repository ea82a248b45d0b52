import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../kit.ts';

/**
 * Visitor Chat API parameters may come from anywhere: the reference's samples put them in the
 * query string of a POST/PUT labelled `application/x-www-form-urlencoded` with no body, form
 * clients send them as the body, and JSON clients as a JSON object. This merges the body into
 * the query, so each route validates one set of parameters with its `querystring` schema
 * (coerced as query strings are: `isOffline=true`, `messageType=1`). A parameter given in
 * both places takes the body's value. Only affects the (encapsulated) plugin it is called in.
 */
export function mergeBodyIntoQuery(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Every content type, including none: a client that forgets the label is read by the body's look.
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, {});
    if (isJson(request, text)) return parseJson(request, text, done);
    done(null, formFields(text));
  });
  app.addHook('preValidation', async (request) => {
    const { body } = request;
    if (body === undefined || body === null) return;
    if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('invalid', 'the request body must be form fields or a JSON object');
    request.query = { ...(request.query as object), ...body };
  });
}

function isJson(request: FastifyRequest, text: string): boolean {
  return /json/i.test(request.headers['content-type'] ?? '') || /^\s*[[{]/.test(text);
}

/** Decoded like a query string: `+` is a space, and a repeated name gives a list (which string parameters then refuse). */
function formFields(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(text)) fields.set(name, [...(fields.get(name) ?? []), value]);
  // fromEntries defines own properties, so a field called __proto__ stays a plain field.
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}
