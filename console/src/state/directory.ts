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

/**
 * The widget (channel) a conversation came through. One made after the list was read (an API inbox a
 * backend just created) is not in it yet: the list is read again, once per unknown id.
 */
const refreshedFor = new Set<string>();
async function findWidget(widgetId: string): Promise<Widget | undefined> {
  const found = (await widgetDirectory.get()).find((widget) => widget.id === widgetId);
  if (found) return found;
  if (!refreshedFor.has(widgetId)) {
    refreshedFor.add(widgetId);
    widgetDirectory.refresh();
  }
  return (await widgetDirectory.get()).find((widget) => widget.id === widgetId);
}

export function useWidget(widgetId: string | undefined): Widget | undefined {
  const [widget, setWidget] = useState<Widget | undefined>(undefined);
  useEffect(() => {
    if (!widgetId) return;
    let alive = true;
    findWidget(widgetId).then((result) => alive && setWidget(result), () => {});
    return () => void (alive = false);
  }, [widgetId]);
  // Until the new one is found, never the previous chat's widget.
  return widget?.id === widgetId ? widget : undefined;
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
