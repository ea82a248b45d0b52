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

const keyOf = (widgetId: string) => `switchboard.widget.${widgetId}`;

export function browserSession(storage: Storage | undefined, widgetId: string): SessionStore {
  let memory: SavedSession = {};
  const read = (): SavedSession => {
    try {
      return { ...(JSON.parse(storage?.getItem(keyOf(widgetId)) ?? '{}') as SavedSession) };
    } catch {
      return memory;
    }
  };
  const write = (session: SavedSession) => {
    memory = session;
    try {
      storage?.setItem(keyOf(widgetId), JSON.stringify(session));
    } catch {
      // Storage full or blocked: the in-memory copy still serves this page.
    }
  };
  return {
    load: read,
    save: (patch) => write({ ...read(), ...patch }),
    clear: () => {
      memory = {};
      try {
        storage?.removeItem(keyOf(widgetId));
      } catch {
        // Nothing stored, nothing to clear.
      }
    },
  };
}

/** localStorage, unless the page's sandbox or the browser's settings forbid touching it. */
export function pageStorage(win: Window): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}
