import { de } from './de.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';

export type { MessageKey };

const catalogues: Record<string, Partial<Messages>> = { en, de, fr, es, nl };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The catalogue for a SnapEngage locale code or a browser language tag: `de`, `de-AT`
 * and `fr_CA` take their base language; anything we do not translate yet is English.
 */
export function resolveLanguage(locale: string | undefined): string {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return base in catalogues ? base : 'en';
}

/** A translate function: the language's text, else the English one, with `{name}` placeholders filled. */
export function translator(locale: string | undefined): Translate {
  const catalogue = catalogues[resolveLanguage(locale)]!;
  return (key, values = {}) =>
    (catalogue[key] ?? en[key]).replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
