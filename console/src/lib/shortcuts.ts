import { useEffect, useRef } from 'preact/hooks';
import { createStore } from '../state/store.ts';

/** A key with Alt (Option on a Mac): it works while typing in the composer and clashes with no browser shortcut. */
export interface Shortcut {
  /** KeyboardEvent.code, e.g. "KeyE": layout- and Option-independent. */
  code: string;
  label: string;
  description: string;
}

/** The shortcuts currently available, for the help overlay (Alt+/). */
export const activeShortcuts = createStore<Shortcut[]>([]);

/** Registers an Alt shortcut while the component is mounted; the latest handler always runs. */
export function useShortcut(shortcut: Shortcut, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== shortcut.code) return;
      event.preventDefault();
      latest.current();
    };
    addEventListener('keydown', onKey);
    activeShortcuts.update((list) => [...list, shortcut]);
    return () => {
      removeEventListener('keydown', onKey);
      activeShortcuts.update((list) => list.filter((entry) => entry !== shortcut));
    };
  }, [shortcut, enabled]);
}

/** The app's shortcuts in one place, so none is used twice. */
export const SHORTCUTS = {
  help: { code: 'Slash', label: 'Alt+/', description: 'Show keyboard shortcuts' },
  inbox: { code: 'KeyI', label: 'Alt+I', description: 'Go to the inbox' },
  search: { code: 'KeyF', label: 'Alt+F', description: 'Search past conversations' },
  nextChat: { code: 'KeyJ', label: 'Alt+J', description: 'Next chat' },
  previousChat: { code: 'KeyK', label: 'Alt+K', description: 'Previous chat' },
  accept: { code: 'KeyA', label: 'Alt+A', description: 'Accept this chat, or the longest-waiting one' },
  note: { code: 'KeyN', label: 'Alt+N', description: 'Switch between reply and internal note' },
  transfer: { code: 'KeyT', label: 'Alt+T', description: 'Transfer this chat' },
  label: { code: 'KeyL', label: 'Alt+L', description: 'Add a label' },
  end: { code: 'KeyE', label: 'Alt+E', description: 'End this chat' },
  composer: { code: 'KeyR', label: 'Alt+R', description: 'Focus the reply box' },
} satisfies Record<string, Shortcut>;
