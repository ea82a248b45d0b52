import type { WidgetSchedule } from '../kit.ts';

/** SnapEngage's weekday names, in ISO order so the index is our weekday number (0 = Monday). */
export const DAYS_OF_WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** `h:mm AM` / `hh:mm PM`, as the Provisioning API writes times. */
export const CLOCK_TIME_PATTERN = '^(1[0-2]|0?[1-9]):[0-5][0-9] (AM|PM)$';

export interface SnapEngageSchedule {
  timeZone: string;
  schedules: Array<{ dayOfWeek: DayOfWeek; enabled: boolean; scheduleList: string[] }>;
}

function toMinutes(clock: string): number {
  const [, hour, minute, half] = /^(\d{1,2}):(\d{2}) (AM|PM)$/.exec(clock)!;
  return (Number(hour) % 12) * 60 + Number(minute) + (half === 'PM' ? 720 : 0);
}

function toClock(minutes: number): string {
  const hour24 = Math.floor(minutes / 60) % 24;
  const minute = String(minutes % 60).padStart(2, '0');
  return `${hour24 % 12 === 0 ? 12 : hour24 % 12}:${minute} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

export function scheduleFromSnapEngage(input: SnapEngageSchedule): WidgetSchedule {
  return {
    timeZone: input.timeZone,
    ranges: input.schedules.map((entry) => ({
      weekday: DAYS_OF_WEEK.indexOf(entry.dayOfWeek),
      enabled: entry.enabled,
      startMinute: toMinutes(entry.scheduleList[0]!),
      endMinute: toMinutes(entry.scheduleList[1]!),
    })),
  };
}

export function scheduleToSnapEngage(schedule: WidgetSchedule): SnapEngageSchedule {
  return {
    timeZone: schedule.timeZone,
    schedules: schedule.ranges.map((range) => ({
      dayOfWeek: DAYS_OF_WEEK[range.weekday]!,
      enabled: range.enabled,
      scheduleList: [toClock(range.startMinute), toClock(range.endMinute)],
    })),
  };
}
