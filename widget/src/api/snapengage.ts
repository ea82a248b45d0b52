import type { WidgetController } from '../chat/controller.ts';
import type { ProactiveInvitations } from '../chat/invitations.ts';
import { isChatLive, type Prefill } from '../chat/state.ts';
import { ALIAS_COOKIE, ALL_COOKIES, type CookieJar } from '../lib/cookies.ts';
import { CALLBACK_CONSTANTS, type CallbackRegistry } from './callbacks.ts';

export interface ApiDeps {
  controller: WidgetController;
  invitations: ProactiveInvitations;
  callbacks: CallbackRegistry;
  cookies: CookieJar;
  /** Resolves once the widget's configuration arrived; calls that need it wait for it. */
  loaded: Promise<unknown>;
  warn: (message: string) => void;
}

/** Documented as deprecated or unsupported in Design Studio widgets: accepted and ignored, as there. */
const noop = (): void => undefined;

/**
 * `window.SnapEngage` (and its aliases SnapABug, SnapEngageChat): every method of the
 * reference's JavaScript API, with its documented arguments and return values. See docs/widget.md.
 */
export function createSnapEngageApi({ controller, invitations, callbacks, cookies, loaded, warn }: ApiDeps) {
  const { store } = controller;
  const setPrefill = (patch: Partial<Prefill>) => store.set({ prefill: { ...store.get().prefill, ...patch } });
  const afterLoad = (run: () => void) => void loaded.then(run, noop);

  return {
    callbacks: CALLBACK_CONSTANTS,

    setCallback: (name: unknown, handler: unknown): boolean => callbacks.set(name, handler),

    allowChatSound: (allow: unknown) => store.set({ sounds: allow === true }),
    allowProactiveChat: (allow: unknown) => invitations.allow(allow !== false),
    allowPageChangeNotification: noop,
    allowScreenshot: noop,
    disableLightbox: noop,
    /** The reference's own sample spells it this way. */
    disableLighbox: noop,
    setButtonEffect: noop,
    setChatFormPosition: noop,

    clearAllCookies(): void {
      ALL_COOKIES.forEach((name) => cookies.remove(name));
      controller.forgetVisitor();
    },

    getAgentStatusAsync(callback: unknown): void {
      if (typeof callback !== 'function') return warn('SnapEngage.getAgentStatusAsync needs a callback function');
      controller.refreshStatus().then(
        (online) => callback(online),
        () => callback(false),
      );
    },

    getWidgetId: (): string => store.get().widgetId,

    hideButton: () => store.set({ buttonVisible: false }),
    showButton: () => store.set({ buttonVisible: true }),

    openProactiveChat(forced?: unknown, offlineFallback?: unknown, message?: unknown, minimizedView?: unknown): void {
      afterLoad(() =>
        invitations.open({
          forced: forced === true,
          offlineFallback: offlineFallback === true,
          ...(typeof message === 'string' && { message }),
          ...(typeof minimizedView === 'boolean' && { minimized: minimizedView }),
        }),
      );
    },

    /** true: sent to the agent; false: shown to the visitor, or no chat is going on. */
    sendTextToChat(text: unknown, to?: unknown): boolean {
      if (typeof text !== 'string' || text.trim() === '' || !isChatLive(store.get())) return false;
      if (to === 'visitor') {
        controller.showToVisitor(text);
        return false;
      }
      void controller.noteForAgents(text);
      return true;
    },

    setCustomField(name: unknown, value: unknown): void {
      if (typeof name !== 'string' || name === '') return warn('SnapEngage.setCustomField needs a field name');
      setPrefill({ customFields: { ...store.get().prefill.customFields, [name]: String(value ?? '') } });
    },
    setDescription: (description: unknown) => setPrefill({ message: String(description ?? '') }),
    setUserEmail: (email: unknown, locked?: unknown) => setPrefill({ email: String(email ?? ''), emailLocked: locked === true }),
    setUserName(name: unknown): void {
      const alias = String(name ?? '');
      setPrefill({ name: alias });
      if (alias) cookies.set(ALIAS_COOKIE, alias);
    },
    setLocale: (languageCode: unknown) => store.set({ locale: String(languageCode ?? '') }),
    setNoProactiveChatDelay: (minutes: unknown) => invitations.setCooldownMinutes(minutes),
    setProactiveAutocloseDelay: (minutes: unknown) => invitations.setAutoCloseMinutes(minutes),
    /** The heading of the reference spells it with a capital C. */
    setProactiveAutoCloseDelay: (minutes: unknown) => invitations.setAutoCloseMinutes(minutes),

    switchWidget(newWidgetId: unknown, switchCallback?: unknown): false | undefined {
      if (typeof newWidgetId !== 'string' || newWidgetId === '') {
        warn('SnapEngage.switchWidget needs the new widget id');
        return false;
      }
      controller.switchWidget(newWidgetId).then(
        () => {
          invitations.arm();
          if (typeof switchCallback === 'function') switchCallback();
        },
        (error: unknown) => warn(`SnapEngage.switchWidget: ${error instanceof Error ? error.message : String(error)}`),
      );
      return undefined;
    },
    /** Deprecated in 2018 in favour of switchWidget, which it now is (without the callback). */
    setWidgetId(widgetId: unknown): void {
      if (typeof widgetId === 'string' && widgetId !== '') void controller.switchWidget(widgetId).catch(noop);
    },

    /** Opens the box with `msg` as the agent's first line; the visitor's answer starts the chat. */
    startChat(msg: unknown): void {
      afterLoad(() => {
        if (!isChatLive(store.get()) && typeof msg === 'string' && msg.trim() !== '') {
          invitations.open({ forced: true, offlineFallback: true, message: msg, minimized: false }, 'manual');
        }
        controller.open();
      });
    },
    startLink: () => afterLoad(() => controller.open()),

    endChat(options?: unknown): void {
      const closeChatBox = typeof options === 'object' && options !== null && (options as { closeChatBox?: unknown }).closeChatBox === true;
      void controller.endChat().then(() => {
        if (closeChatBox) controller.hide();
      });
    },

    /** Single-page apps call this after a route change: report the page and run the proactive rules again. */
    reInitProactiveRules(options?: unknown): void {
      const force = typeof options === 'object' && options !== null && (options as { force?: unknown }).force === true;
      controller.reportPage();
      afterLoad(() => invitations.arm(force));
    },
  };
}

export type SnapEngageApi = ReturnType<typeof createSnapEngageApi>;
