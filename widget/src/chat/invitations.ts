import { NO_PROACTIVE_COOKIE, type CookieJar } from '../lib/cookies.ts';
import { Timers } from '../lib/timers.ts';
import type { WidgetController } from './controller.ts';
import { DEFAULT_COOLDOWN_MINUTES, mayInvite, minutesToMs } from './proactive.ts';
import { isChatLive, type PublicAgent } from './state.ts';

export interface OpenInvitation {
  forced?: boolean;
  offlineFallback?: boolean;
  message?: string;
  minimized?: boolean;
}

/**
 * Proactive chat: the widget's delay rule, invitations the page opens (openProactiveChat,
 * startChat), the auto-close of an unanswered invitation and the cooldown after a close.
 */
export class ProactiveInvitations {
  private pageAllows = true;
  private cooldownMinutes = DEFAULT_COOLDOWN_MINUTES;
  /** setProactiveAutocloseDelay; undefined: the widget's setting. */
  private autoCloseMs: number | undefined;
  private shownOnThisPage = false;
  private readonly timers = new Timers();

  constructor(
    private readonly controller: WidgetController,
    private readonly cookies: CookieJar,
    private readonly defaultMessage: () => string,
  ) {}

  /** Starts the delay rule: after load, and again on reInitProactiveRules (a single-page app changed page). */
  arm(force = false): void {
    const config = this.controller.state.config;
    this.timers.cancel('delay');
    if (!config || (this.shownOnThisPage && !force) || !mayInvite(this.gate())) return;
    this.timers.start('delay', config.settings.proactive.delaySeconds * 1000, () => this.open({}));
  }

  /** openProactiveChat(forced, offlineFallback, message, minimizedView), the delay rule and startChat(msg). */
  open({ forced = false, offlineFallback = false, message, minimized }: OpenInvitation, chatType: 'manual' | 'proactive' = 'proactive'): void {
    const { state } = this.controller;
    const settings = state.config?.settings.proactive;
    if (!settings) return;
    if (!state.online) {
      if (offlineFallback && !state.panelOpen) this.controller.open();
      return;
    }
    if (!mayInvite(this.gate(), forced)) return;
    this.shownOnThisPage = true;
    this.timers.cancel('delay');
    this.controller.showInvitation({
      agent: firstPerson(state.config?.agents ?? []),
      message: message || settings.message || this.defaultMessage(),
      minimized: minimized ?? settings.minimized,
      chatType,
    });
    const autoCloseMs = this.autoCloseMs ?? minutesToMs(settings.autoCloseMinutes) ?? 0;
    if (autoCloseMs > 0) this.timers.start('auto-close', autoCloseMs, () => this.controller.dismissInvitation());
  }

  /** The visitor started answering: an invitation being answered must not vanish. */
  answering(): void {
    this.timers.cancel('auto-close');
  }

  /** The visitor closed a chat window: no invitations for the cooldown (0: until the browser session ends). */
  boxClosed(): void {
    this.timers.cancel('auto-close');
    this.cookies.set(NO_PROACTIVE_COOKIE, '1', this.cooldownMinutes * 60);
  }

  allow(allowed: boolean): void {
    this.pageAllows = allowed;
    if (!allowed) this.timers.cancel('delay');
  }

  setCooldownMinutes(minutes: unknown): void {
    const ms = minutesToMs(minutes);
    if (ms !== undefined) this.cooldownMinutes = ms / 60_000;
  }

  setAutoCloseMinutes(minutes: unknown): void {
    this.autoCloseMs = minutesToMs(minutes) ?? this.autoCloseMs;
  }

  private gate() {
    const { state } = this.controller;
    return {
      widgetEnabled: state.config?.proactiveEnabled ?? false,
      pageAllows: this.pageAllows,
      coolingDown: this.cookies.get(NO_PROACTIVE_COOKIE) !== undefined,
      online: state.online,
      busy: isChatLive(state) || state.panelOpen || state.conversationId !== undefined || state.invitation !== undefined,
    };
  }
}

/** Invitations come from a person when the widget has one: a bot inviting reads oddly. */
function firstPerson(agents: PublicAgent[]): PublicAgent | undefined {
  return agents.find((agent) => !agent.bot) ?? agents[0];
}
