import { createContext } from 'preact';
import { useContext, useEffect, useReducer } from 'preact/hooks';
import type { WidgetController } from '../chat/controller.ts';
import type { ProactiveInvitations } from '../chat/invitations.ts';
import type { Translate } from '../i18n/index.ts';
import type { Store } from '../lib/store.ts';

export interface WidgetContext {
  controller: WidgetController;
  invitations: ProactiveInvitations;
  t: Translate;
}

export const Widget = createContext<WidgetContext | undefined>(undefined);

export function useWidget(): WidgetContext {
  const context = useContext(Widget);
  if (!context) throw new Error('widget components render inside <Widget.Provider>');
  return context;
}

/** Re-renders the component whenever the store changes. */
export function useStore<S>(store: Store<S>): S {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe(() => rerender(undefined)), [store]);
  return store.get();
}
