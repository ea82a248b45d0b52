import { Ajv, type ValidateFunction } from 'ajv';
import type { Static, TSchema } from 'typebox';
import type { RawData } from 'ws';
import { classifyError } from '../http/errors.ts';
import { refusingUnstorableText } from '../http/plugins/validation.ts';

/** A frame the server cannot act on; answered with an error frame naming `code` and, when one input is to blame, `field`. */
export class FrameError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A frame that parsed as a JSON object; `type` is checked by requireType, the other fields by checkFrame. */
export interface UncheckedFrame {
  type: string;
  requestId?: string;
  [field: string]: unknown;
}

// Frames are JSON, not text to coerce: `"rating": "5"` is an error, as in the native API's bodies.
const ajv = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, strict: false });
const validators = new WeakMap<TSchema, ValidateFunction>();

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export function decodeFrame(data: RawData, isBinary: boolean): UncheckedFrame {
  if (isBinary) throw new FrameError('invalid_frame', 'frames must be JSON text, not binary');
  let value: unknown;
  try {
    value = JSON.parse(textOf(data));
  } catch {
    throw new FrameError('invalid_json', 'frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FrameError('invalid_frame', 'a frame must be a JSON object');
  return value as UncheckedFrame;
}

/** Separate from decoding so that the error for a missing type can still echo the frame's requestId. */
export function requireType(frame: UncheckedFrame): void {
  if (typeof frame.type !== 'string') throw new FrameError('invalid', 'type is required and must be a string', 'type');
}

/** The requestId to echo in an answer, when the client sent a usable one (even in an otherwise invalid frame). */
export function requestIdOf(frame: UncheckedFrame): string | undefined {
  const { requestId } = frame;
  return typeof requestId === 'string' && requestId.length > 0 && requestId.length <= 100 ? requestId : undefined;
}

/** Checks a frame against its schema; the error names the first offending field in the native API's words. */
export function checkFrame<S extends TSchema>(schema: S, frame: UncheckedFrame): Static<S> {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = refusingUnstorableText(ajv.compile(schema))));
  if (validate(frame)) return frame as Static<S>;
  const { message, field } = classifyError({ validation: validate.errors });
  // classifyError calls the whole input "body"; here it is the frame, and no single field is to blame.
  const issue = validate.errors![0]!;
  const wholeFrame = issue.instancePath === '' && issue.params.missingProperty === undefined;
  throw wholeFrame ? new FrameError('invalid', message.replace(/^body\b/, 'frame')) : new FrameError('invalid', message, field);
}
