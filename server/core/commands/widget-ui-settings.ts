import type { WidgetUiSettings } from '../../../protocol/widget-config.ts';
import { invalid } from '../errors.ts';

/** The document's shape is part of the wire (the console edits it, the widget reads it), so it lives in protocol/. */
export type { WidgetUiSettings };

export const WIDGET_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;

export const DEFAULT_UI_SETTINGS: WidgetUiSettings = {
  color: '#2458e6',
  position: 'right',
  title: '',
  language: 'en',
  sounds: true,
  fileUpload: true,
  prechat: { enabled: true, nameRequired: false },
  rating: { enabled: true, scale: 'STAR' },
  survey: { enabled: true },
  transcript: { enabled: true },
  proactive: { delaySeconds: 45, message: '', autoCloseMinutes: 2, minimized: false },
};

interface Rule {
  accepts: (value: unknown) => boolean;
  /** Completes "<field> must be …". */
  expected: string;
}

const bool: Rule = { accepts: (v) => typeof v === 'boolean', expected: 'true or false' };
const oneOf = (...values: readonly string[]): Rule => ({
  accepts: (v) => typeof v === 'string' && values.includes(v),
  expected: `one of ${values.join(', ')}`,
});
const text = (max: number): Rule => ({ accepts: (v) => typeof v === 'string' && v.length <= max, expected: `text of at most ${max} characters` });
const range = (min: number, max: number): Rule => ({
  accepts: (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max,
  expected: `a number from ${min} to ${max}`,
});

/** One rule per leaf of WidgetUiSettings, by dotted path. */
const RULES: Record<string, Rule> = {
  color: { accepts: (v) => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v), expected: 'a colour like #2458e6' },
  position: oneOf('right', 'left'),
  title: text(80),
  language: oneOf(...WIDGET_LANGUAGES),
  sounds: bool,
  fileUpload: bool,
  'prechat.enabled': bool,
  'prechat.nameRequired': bool,
  'rating.enabled': bool,
  'rating.scale': oneOf('NUMBER', 'STAR'),
  'survey.enabled': bool,
  'transcript.enabled': bool,
  'proactive.delaySeconds': range(0, 3600),
  'proactive.message': text(500),
  'proactive.autoCloseMinutes': range(0, 1440),
  'proactive.minimized': bool,
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(document: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
}

/** Every leaf of `defaults`, taking the candidate's value where `pick` says so. */
function build(pick: (path: string, candidate: unknown) => unknown): WidgetUiSettings {
  const out = structuredClone(DEFAULT_UI_SETTINGS) as unknown as Record<string, Record<string, unknown>>;
  for (const path of Object.keys(RULES)) {
    const keys = path.split('.');
    const value = pick(path, valueAt(DEFAULT_UI_SETTINGS, path));
    if (keys.length === 1) (out as Record<string, unknown>)[keys[0]!] = value;
    else out[keys[0]!]![keys[1]!] = value;
  }
  return out as unknown as WidgetUiSettings;
}

/** Fields the admin sent that no rule knows: a typo must not be stored silently. */
function rejectUnknownFields(input: Record<string, unknown>, prefix = ''): void {
  for (const [key, value] of Object.entries(input)) {
    const path = prefix + key;
    if (RULES[path]) continue;
    const isGroup = Object.keys(RULES).some((rule) => rule.startsWith(`${path}.`));
    if (!isGroup) throw invalid(path, `${path} is not a widget setting`);
    if (!isObject(value)) throw invalid(path, `${path} must be an object`);
    rejectUnknownFields(value, `${path}.`);
  }
}

/** Validates settings an admin sends: missing fields take their defaults, wrong ones are refused by name. */
export function checkUiSettings(input: unknown): WidgetUiSettings {
  if (!isObject(input)) throw invalid('settings', 'settings must be an object');
  rejectUnknownFields(input);
  return build((path, fallback) => {
    const value = valueAt(input, path);
    if (value === undefined) return fallback;
    if (!RULES[path]!.accepts(value)) throw invalid(path, `${path} must be ${RULES[path]!.expected}`);
    return value;
  });
}

/** Reads a stored document leniently: whatever is missing or no longer valid falls back to its default. */
export function readUiSettings(stored: unknown): WidgetUiSettings {
  return build((path, fallback) => {
    const value = valueAt(stored, path);
    return RULES[path]!.accepts(value) ? value : fallback;
  });
}
