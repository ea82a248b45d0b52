import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Two validators: query strings and params are text on the wire, so they are coerced;
 * JSON bodies are not, so `"name": 123` is a 400 instead of silently becoming "123".
 */
export function installValidators(app: FastifyInstance): void {
  const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  );
}
