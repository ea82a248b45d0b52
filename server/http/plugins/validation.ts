import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Two validators: query strings and params are text on the wire, so they are coerced;
 * JSON bodies are not, so `"name": 123` is a 400 instead of silently becoming "123".
 * Both refuse strings PostgreSQL cannot store (see `refusingUnstorableText`).
 */
export function installValidators(app: FastifyInstance): void {
  const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => refusingUnstorableText((httpPart === 'body' ? strict : coercing).compile(schema)));
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and its json parser refuses an unpaired UTF-16
 * surrogate (which JSON.stringify writes as `\ud800`), so such a string failed in SQL as a 500.
 * No field of ours has a use for either: refuse them here, as a 400 naming the field. Property
 * names count too, for free-form objects stored as jsonb. Also used by the realtime gateway.
 * Keeps ajv's `schemaEnv`, which fastify needs to let ajv replace a coerced root value.
 */
export function refusingUnstorableText(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown, context?: Parameters<ValidateFunction>[1]) => {
    const valid = validate(data, context);
    const issue = valid ? unstorableTextIssue(data, '') : undefined;
    checked.errors = valid ? (issue ? [issue] : null) : validate.errors;
    return valid && !issue;
  }) as ValidateFunction;
  return Object.assign(checked, { schema: validate.schema, schemaEnv: validate.schemaEnv });
}

function unstorableTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (/\p{Cs}/u.test(text)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/** The first string (value or property name) PostgreSQL cannot store, as an ajv issue at its path. */
function unstorableTextIssue(value: unknown, instancePath: string): ErrorObject | undefined {
  if (typeof value === 'string') {
    const message = unstorableTextProblem(value);
    return message ? { keyword: 'text', instancePath, schemaPath: '', params: {}, message } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const path = `${instancePath}/${key}`;
    const issue = unstorableTextIssue(key, path) ?? unstorableTextIssue(item, path);
    if (issue) return issue;
  }
  return undefined;
}
