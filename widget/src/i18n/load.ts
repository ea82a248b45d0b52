import { addCatalogue, hasCatalogue } from './index.ts';
import type { Messages } from './en.ts';

const pending = new Map<string, Promise<void>>();

/**
 * Fetches a shipped language's texts from the server once per page. A failure leaves English in
 * place (and may be retried later): a missing translation must never break the chat.
 */
export function loadLanguage(baseUrl: string, language: string): Promise<void> {
  if (hasCatalogue(language)) return Promise.resolve();
  let loading = pending.get(language);
  if (!loading) {
    loading = fetch(`${baseUrl}/js/i18n/${language}.json`)
      .then((response) => (response.ok ? (response.json() as Promise<Partial<Messages>>) : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((messages) => addCatalogue(language, messages))
      .finally(() => pending.delete(language));
    pending.set(language, loading);
  }
  return loading;
}
