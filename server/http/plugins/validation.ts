import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Two validators: query strings and params are text on the wire, so they are coerced;
 * JSON bodies are not, so `"name": 123` is a 400 instead of silently becoming "123".
 * Both refuse NUL characters in any string (see `refusingNul`).
 */
export function installValidators(app: FastifyInstance): void {
  const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => refusingNul((httpPart === 'body' ? strict : coercing).compile(schema)));
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a string carrying it would fail in SQL
 * as a 500. No field of ours has a use for it: refuse it here, as a 400 naming the field. Property
 * names count too, for free-form objects stored as jsonb. Also used by the realtime gateway.
 * Keeps ajv's `schemaEnv`, which fastify needs to let ajv replace a coerced root value.
 */
export function refusingNul(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => {
    const valid = validate(data, context);
    const nul = valid ? nulIssue(data, '') : undefined;
    checked.errors = valid ? (nul ? [nul] : null) : validate.errors;
    return valid && !nul;
  }) as ValidateFunction;
  return Object.assign(checked, { schema: validate.schema, schemaEnv: validate.schemaEnv });
}

/** The first string (value or property name) holding U+0000, as an ajv issue at its path. */
function nulIssue(value: unknown, instancePath: string): ErrorObject | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { keyword: 'nul', instancePath, schemaPath: '', params: {}, message: 'must not contain NUL characters' } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const path = `${instancePath}/${key}`;
    const issue = key.includes('\u0000') ? nulIssue(key, path) : nulIssue(item, path);
    if (issue) return issue;
  }
  return undefined;
}
