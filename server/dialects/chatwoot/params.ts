import { parse } from 'node:querystring';
import { Type } from 'typebox';

/**
 * Chatwoot's parameters as Rails reads them, whatever the body's encoding: JSON, or form fields
 * whose names nest with brackets (`channel[type]=api`, `user_ids[]=1`) and whose values are all
 * strings (`hmac_mandatory=false`, `inbox_id=12`). Schemas accept both spellings; the helpers
 * below turn a value into the one core expects.
 */

/** Deeper nesting than any Chatwoot parameter: refused, so a hostile body cannot build a deep tree. */
const MAX_DEPTH = 4;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Params = Record<string, unknown>;

/** `a[b][]` → ['a', 'b', '']; undefined for a name Rails would not nest (or too deep). */
function segmentsOf(name: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return undefined;
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  const segments = [match[1]!, ...rest];
  if (segments.length > MAX_DEPTH || segments.some((s) => UNSAFE_KEYS.has(s))) return undefined;
  // `[]` means "a list" only at the end (`user_ids[]`); lists of hashes are not used by this API.
  if (segments.slice(0, -1).includes('')) return undefined;
  return segments;
}

function assign(target: Params, segments: string[], values: string[]): void {
  const [head, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = values.length === 1 ? values[0] : values;
    return;
  }
  if (rest.length === 1 && rest[0] === '') {
    const list = Array.isArray(target[head]) ? (target[head] as unknown[]) : [];
    target[head] = [...list, ...values];
    return;
  }
  const existing = target[head];
  const child: Params = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? (existing as Params) : {};
  target[head] = child;
  assign(child, rest, values);
}

/** An urlencoded body as Rails nests it; names that do not nest are kept as they are. */
export function parseRailsForm(body: string): Params {
  const result: Params = {};
  for (const [name, value] of Object.entries(parse(body))) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    const segments = segmentsOf(name);
    if (segments) assign(result, segments, values);
    else if (!UNSAFE_KEYS.has(name)) result[name] = values.length === 1 ? values[0] : values;
  }
  return result;
}

/** A boolean as JSON or as form text. */
export const Flag = Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')]);
export const flagValue = (value: boolean | 'true' | 'false') => value === true || value === 'true';

/** An integer id as JSON or as form text ("12"). Range is core's business (unknown ids are 404s). */
export const IntegerId = Type.Union([Type.Integer(), Type.String({ pattern: '^\\d{1,18}$' })]);
