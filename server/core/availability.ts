import type { Presence, WidgetSchedule } from './types.ts';

/**
 * When a widget takes chats: pure rules, no I/O, so every edge (time zones, DST,
 * overnight ranges, chat limits) is tested without a database.
 */

const DAYS_PER_WEEK = 7;

/** The wall clock somewhere: ISO weekday (0 = Monday … 6 = Sunday) and minutes since local midnight. */
export interface LocalTime {
  weekday: number;
  minute: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Building a formatter costs far more than using one, and every availability check needs one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23: some ICU versions write midnight as "24" with hour12: false.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local wall-clock time in an IANA zone. Asked of the time-zone database
 * rather than computed from an offset, so it is right on both sides of every DST change.
 */
export function localTimeIn(timeZone: string, at: Date): LocalTime {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(at).map((part) => [part.type, part.value]));
  return {
    weekday: WEEKDAY_INDEX[parts.weekday!]!,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

type ScheduleRange = WidgetSchedule['ranges'][number];

/**
 * A range covers [start, end) of its weekday; when `end <= start` it runs past midnight
 * and covers [start, 24:00) of its weekday plus [00:00, end) of the next one.
 */
function rangeCovers(range: ScheduleRange, { weekday, minute }: LocalTime): boolean {
  if (range.endMinute > range.startMinute) {
    return weekday === range.weekday && minute >= range.startMinute && minute < range.endMinute;
  }
  const nextDay = (range.weekday + 1) % DAYS_PER_WEEK;
  return (weekday === range.weekday && minute >= range.startMinute) || (weekday === nextDay && minute < range.endMinute);
}

/** Whether the opening hours include `at`. No schedule means always open; a schedule without enabled ranges, never. */
export function isWithinSchedule(schedule: WidgetSchedule | null, at: Date): boolean {
  if (schedule === null) return true;
  const local = localTimeIn(schedule.timeZone, at);
  return schedule.ranges.some((range) => range.enabled && rangeCovers(range, local));
}

/** A widget member with what decides whether it can take one more chat. */
export type MemberLoad =
  | {
      kind: 'user';
      memberId: string;
      userId: string;
      alias: string;
      tags: string[];
      presence: Presence;
      disabled: boolean;
      maxConcurrentChats: number;
      /** Conversations with status `open` assigned to this user, across all widgets. */
      openConversations: number;
    }
  | {
      kind: 'bot';
      memberId: string;
      botId: string;
      alias: string;
      tags: string[];
      presence: 'online' | 'offline';
      openConversations: number;
    };

/**
 * A person takes a chat when online (paused agents are reachable but not routed to),
 * enabled, and under their own chat limit (0 = takes none). A bot has no limit.
 */
export function canTakeChat(member: MemberLoad): boolean {
  if (member.presence !== 'online') return false;
  if (member.kind === 'bot') return true;
  return !member.disabled && member.openConversations < member.maxConcurrentChats;
}

/**
 * The members who can take a chat now, least busy first; ties keep the widget's
 * member order (the input order), so the first-listed member is preferred.
 */
export function rankAvailableMembers(members: readonly MemberLoad[]): MemberLoad[] {
  return members
    .map((member, position) => ({ member, position }))
    .filter(({ member }) => canTakeChat(member))
    .sort((a, b) => a.member.openConversations - b.member.openConversations || a.position - b.position)
    .map(({ member }) => member);
}

/** What of a widget decides whether it is online, besides its members. */
export interface WidgetAvailabilitySettings {
  conversationsEnabled: boolean;
  schedule: WidgetSchedule | null;
}

/** Whether the widget's own settings let it take chats at `at`, before looking at who is there. */
export function isWidgetOpen(widget: WidgetAvailabilitySettings, at: Date): boolean {
  return widget.conversationsEnabled && isWithinSchedule(widget.schedule, at);
}

/** A widget is online when it is open and at least one member can take a chat. */
export function isWidgetOnline(widget: WidgetAvailabilitySettings, members: readonly MemberLoad[], at: Date): boolean {
  return isWidgetOpen(widget, at) && members.some(canTakeChat);
}
