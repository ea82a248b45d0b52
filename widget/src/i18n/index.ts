import { en, type MessageKey, type Messages } from './en.ts';

export type { MessageKey, Messages };

/**
 * The languages the build ships. English is inside the script; the others are separate files
 * (`/js/i18n/<lang>.json`, written by the build from de.ts, fr.ts, …) loaded when needed, so more
 * languages never make the script bigger.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;

const loaded = new Map<string, Partial<Messages>>([['en', en]]);

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The language for a SnapEngage locale code or a browser language tag: `de`, `de-AT` and
 * `fr_CA` take their base language; anything not shipped is English.
 */
export function resolveLanguage(locale: string | undefined): string {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? base : 'en';
}

/** Makes a language's texts available (the loader, and tests). */
export function addCatalogue(language: string, messages: Partial<Messages>): void {
  loaded.set(language, messages);
}

export function hasCatalogue(language: string): boolean {
  return loaded.has(language);
}

/**
 * A translate function: the language's text if it is loaded and has the key, else the English
 * one, with `{name}` placeholders filled.
 */
export function translator(language: string): Translate {
  const catalogue = loaded.get(language) ?? en;
  return (key, values = {}) =>
    (catalogue[key] ?? en[key]).replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}
