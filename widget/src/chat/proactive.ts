/**
 * When a proactive invitation may appear, after SnapEngage's rules: the widget enables it, the
 * page did not turn it off (allowProactiveChat), the visitor did not close a chat window in the
 * last 30 minutes (the cooldown cookie), someone is online and the visitor is not chatting already.
 * A forced invitation (openProactiveChat(true, …)) skips the widget, page and cooldown checks.
 */

export const DEFAULT_COOLDOWN_MINUTES = 30;
export const DEFAULT_AUTOCLOSE_MINUTES = 2;

export interface InvitationGate {
  widgetEnabled: boolean;
  pageAllows: boolean;
  coolingDown: boolean;
  online: boolean;
  /** A chat is going on, or the chat box is open. */
  busy: boolean;
}

export function mayInvite(gate: InvitationGate, forced = false): boolean {
  if (!gate.online || gate.busy) return false;
  return forced || (gate.widgetEnabled && gate.pageAllows && !gate.coolingDown);
}

/** Minutes as the API takes them (decimals allowed, e.g. 0.5) to milliseconds; anything not a number ≥ 0 is undefined. */
export function minutesToMs(minutes: unknown): number | undefined {
  const value = typeof minutes === 'string' ? Number(minutes) : minutes;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 60_000) : undefined;
}
