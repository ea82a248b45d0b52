import { render, h } from 'preact';
import { CallbackRegistry } from './api/callbacks.ts';
import { createSnapEngageApi, type SnapEngageApi } from './api/snapengage.ts';
import { WidgetController } from './chat/controller.ts';
import { WidgetHttpApi } from './chat/http-api.ts';
import { ProactiveInvitations } from './chat/invitations.ts';
import { browserSession, pageStorage } from './chat/session.ts';
import { languageOf } from './chat/state.ts';
import { translator } from './i18n/index.ts';
import { ALIAS_COOKIE, browserCookies, EMAIL_COOKIE, LEGACY_NAME_COOKIE } from './lib/cookies.ts';
import { createChime } from './lib/sound.ts';
import { App } from './ui/App.tsx';
import { createFrame } from './ui/frame.ts';

declare global {
  interface Window {
    SnapEngage?: SnapEngageApi;
    SnapABug?: SnapEngageApi;
    SnapEngageChat?: SnapEngageApi;
  }
}

/** Where the script was loaded from: `https://chat.example.com/js/<widgetId>.js`. */
function locate(script: HTMLOrSVGScriptElement | null): { baseUrl: string; widgetId: string } | undefined {
  const src = script instanceof HTMLScriptElement ? script.src : '';
  const match = /^(https?:\/\/[^/]+)\/js\/([^/?#]+)\.js(?:[?#]|$)/.exec(src);
  return match ? { baseUrl: match[1]!, widgetId: decodeURIComponent(match[2]!) } : undefined;
}

/**
 * Boots the widget on the page: the API first (synchronously, so the snippet's onload code can
 * call it), then the iframe, then the widget's configuration. A second copy of the script
 * on the same page does nothing.
 */
function boot(win: Window): void {
  const location = locate(document.currentScript);
  if (!location || win.SnapEngage) return;
  const warn = (message: string) => console.warn(message);
  const cookies = browserCookies(document);
  const callbacks = new CallbackRegistry(warn);
  const storage = pageStorage(win);
  const http = new WidgetHttpApi(location.baseUrl);

  const controller = new WidgetController({
    widgetId: location.widgetId,
    baseUrl: location.baseUrl,
    win,
    http,
    cookies,
    sessionFor: (widgetId) => browserSession(storage, widgetId),
    callbacks,
    chime: createChime(win),
    prefill: {
      name: cookies.get(ALIAS_COOKIE) ?? cookies.get(LEGACY_NAME_COOKIE) ?? '',
      email: cookies.get(EMAIL_COOKIE) ?? '',
      emailLocked: false,
      message: '',
      customFields: {},
    },
    onBoxClosed: () => invitations.boxClosed(),
  });
  const invitations = new ProactiveInvitations(controller, cookies, () => translator(languageOf(controller.state))('proactiveDefault'));

  const loaded = controller.load();
  const api = createSnapEngageApi({ controller, invitations, callbacks, cookies, loaded, warn });
  win.SnapEngage = win.SnapABug = win.SnapEngageChat = api;

  const mount = () => {
    const frame = createFrame(document, location.baseUrl);
    render(h(App, { controller, invitations, frame, host: win, baseUrl: location.baseUrl }), frame.root);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  loaded.then(
    () => invitations.arm(),
    (error: unknown) => warn(`Switchboard widget ${location.widgetId} is not available here: ${error instanceof Error ? error.message : String(error)}`),
  );
  win.addEventListener('popstate', () => controller.reportPage());
}

boot(window);
