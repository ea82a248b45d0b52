import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WidgetController } from '../chat/controller.ts';
import type { ProactiveInvitations } from '../chat/invitations.ts';
import { languageOf } from '../chat/state.ts';
import { translator } from '../i18n/index.ts';
import { loadLanguage } from '../i18n/load.ts';
import { useStore, Widget } from './context.ts';
import { textColorOn } from './contrast.ts';
import type { FrameMode, WidgetFrame } from './frame.ts';
import { InvitationBubble, Launcher } from './Launcher.tsx';
import { Panel } from './Panel.tsx';

const FULL_SCREEN_BELOW = 480;

export interface AppProps {
  controller: WidgetController;
  invitations: ProactiveInvitations;
  frame: WidgetFrame;
  host: Window;
  /** Where the language files are. */
  baseUrl: string;
}

/** The whole widget inside the iframe; it also sizes the iframe to what is shown. */
export function App({ controller, invitations, frame, host, baseUrl }: AppProps) {
  const state = useStore(controller.store);
  const [viewportWidth, setViewportWidth] = useState(host.innerWidth);
  const config = state.config;
  const language = languageOf(state);
  const [loadedLanguage, setLoadedLanguage] = useState('en');
  // Until a language's file arrives the widget speaks English; then it re-renders in the language.
  useEffect(() => {
    let current = true;
    loadLanguage(baseUrl, language).then(
      () => current && setLoadedLanguage(language),
      () => current && setLoadedLanguage('en'),
    );
    return () => void (current = false);
  }, [language]);
  const t = useMemo(() => translator(loadedLanguage), [loadedLanguage]);
  const side = config?.settings.position ?? 'right';
  const fullScreen = viewportWidth < FULL_SCREEN_BELOW;

  let mode: FrameMode = 'hidden';
  if (config && state.panelOpen) mode = 'panel';
  else if (config && state.invitation?.minimized) mode = 'bubble';
  else if (config && state.buttonVisible) mode = 'launcher';

  useLayoutEffect(() => frame.layout(mode, side), [mode, side, viewportWidth]);
  useEffect(() => {
    const resized = () => setViewportWidth(host.innerWidth);
    host.addEventListener('resize', resized);
    return () => host.removeEventListener('resize', resized);
  }, []);
  useEffect(() => void (frame.root.ownerDocument.documentElement.lang = loadedLanguage), [loadedLanguage]);
  // Opening the box moves the keyboard into it, on the first field or the message box; a box
  // restored open after a page change does not take the focus from the page.
  const shownBefore = useRef(false);
  useEffect(() => {
    if (mode === 'hidden') return;
    const restoring = !shownBefore.current;
    shownBefore.current = true;
    if (mode !== 'panel' || restoring) return;
    const target = frame.root.querySelector<HTMLElement>('.panel input:not([readonly]), .panel textarea');
    frame.iframe.contentWindow?.focus();
    target?.focus();
  }, [mode, state.conversationId, state.offlineSentTo]);

  const context = useMemo(() => ({ controller, invitations, t }), [t]);
  if (!config) return null;
  const accent = config.settings.color;
  return (
    <Widget.Provider value={context}>
      <div
        class={`root ${side}${fullScreen ? ' full' : ''}`}
        style={{ '--accent': accent, '--on-accent': textColorOn(accent) }}
        onKeyDown={(event) => event.key === 'Escape' && state.panelOpen && controller.minimize()}
      >
        {mode === 'panel' && <Panel state={state} />}
        {mode === 'bubble' && <InvitationBubble state={state} />}
        {(mode === 'launcher' || mode === 'bubble' || (mode === 'panel' && !fullScreen && state.buttonVisible)) && <Launcher state={state} />}
      </div>
    </Widget.Provider>
  );
}
