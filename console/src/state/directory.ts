import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { HubLink, Teammate, Widget } from '../api/types.ts';

/**
 * Reference data the chat screens look up (widget names, colleagues to transfer to, hub
 * links), fetched once per session and refreshed on demand: it changes rarely.
 */
function cached<T>(load: () => Promise<T>) {
  let promise: Promise<T> | undefined;
  const forget = () => (promise = undefined);
  return {
    get(): Promise<T> {
      if (!promise) {
        promise = load();
        promise.catch(forget); // a failed lookup is tried again next time
      }
      return promise;
    },
    refresh: forget,
  };
}

export const widgetDirectory = cached(() => api.get<{ widgets: Widget[] }>('/widgets').then((r) => r.widgets));
export const teamDirectory = cached(() => api.get<{ team: Teammate[] }>('/team').then((r) => r.team));
const hubLinkCache = new Map<string, ReturnType<typeof cached<HubLink[]>>>();
export function hubLinksOf(widgetId: string) {
  if (!hubLinkCache.has(widgetId)) hubLinkCache.set(widgetId, cached(() => api.get<{ links: HubLink[] }>(`/widgets/${widgetId}/hub-links`).then((r) => r.links)));
  return hubLinkCache.get(widgetId)!;
}

/** The resolved value of a cached lookup, or undefined while it loads (or when it failed). */
export function useLookup<T>(lookup: { get: () => Promise<T> }, key: unknown = lookup): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    lookup.get().then((result) => alive && setValue(result), () => {});
    return () => void (alive = false);
  }, [key]);
  return value;
}
