/**
 * What survives a page change within the site: the visitor's token, the open conversation and
 * whether the box was open. localStorage is per origin, so every page of the site shares it;
 * where it is unavailable (some privacy modes) the session lasts as long as the page.
 */
export interface SavedSession {
  visitorToken?: string;
  conversationId?: string;
  panelOpen?: boolean;
  /** The first page of the visit, reported with the chat as its entry URL. */
  entryUrl?: string;
  chatType?: 'manual' | 'proactive';
}

export interface SessionStore {
  load(): SavedSession;
  save(patch: Partial<SavedSession>): void;
  clear(): void;
}

/** The part of localStorage the session uses; structural, so tests can pass a Map-backed object. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const keyOf = (widgetId: string) => `switchboard.widget.${widgetId}`;

export function browserSession(storage: KeyValueStorage | undefined, widgetId: string): SessionStore {
  const key = keyOf(widgetId);
  let memory: SavedSession = {};
  /** Once storage refuses a write (full, blocked), this page keeps the session in memory only. */
  let usable = storage !== undefined;
  const read = (): SavedSession => {
    if (!usable) return memory;
    try {
      return JSON.parse(storage!.getItem(key) ?? '{}') as SavedSession;
    } catch {
      return memory;
    }
  };
  const write = (session: SavedSession) => {
    memory = session;
    try {
      if (usable) storage!.setItem(key, JSON.stringify(session));
    } catch {
      usable = false;
    }
  };
  return {
    load: read,
    save: (patch) => write({ ...read(), ...patch }),
    clear: () => {
      memory = {};
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing could be stored, so nothing is left behind.
      }
    },
  };
}

/** localStorage, unless the page's sandbox or the browser's settings forbid touching it. */
export function pageStorage(win: { readonly localStorage: KeyValueStorage }): KeyValueStorage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}
