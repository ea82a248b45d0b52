import type { NewWidgetRow } from '../../db/repositories/widgets.ts';
import { invalid } from '../errors.ts';
import type { VendorData, WidgetSchedule } from '../types.ts';
import { isValidTimeZone, normalizeEmail, requireText } from '../validation.ts';

/** Widget fields shared by create and update; every one optional so updates can be partial. */
export interface WidgetSettingsInput {
  name?: string;
  ownerUserId?: string | null;
  destinationEmail?: string | null;
  emailRequired?: boolean;
  messageRequired?: boolean;
  proactiveEnabled?: boolean;
  conversationsEnabled?: boolean;
  schedule?: WidgetSchedule | null;
  allowedDomains?: string[];
  blockedIps?: string[];
  vendorData?: VendorData;
}

/** Validates and maps settings to column values, leaving out what the input leaves out. */
export function widgetSettingsToRow(input: WidgetSettingsInput, currentVendorData: VendorData = {}): Partial<NewWidgetRow> {
  return {
    ...(input.name !== undefined && { name: requireText('name', input.name, 200) }),
    ...(input.ownerUserId !== undefined && { ownerUserId: input.ownerUserId }),
    ...(input.destinationEmail !== undefined && {
      destinationEmail: input.destinationEmail === null ? null : normalizeEmail('destinationEmail', input.destinationEmail),
    }),
    ...(input.emailRequired !== undefined && { emailRequired: input.emailRequired }),
    ...(input.messageRequired !== undefined && { messageRequired: input.messageRequired }),
    ...(input.proactiveEnabled !== undefined && { proactiveEnabled: input.proactiveEnabled }),
    ...(input.conversationsEnabled !== undefined && { conversationsEnabled: input.conversationsEnabled }),
    ...(input.schedule !== undefined && { schedule: input.schedule === null ? null : checkSchedule(input.schedule) }),
    ...(input.allowedDomains !== undefined && { allowedDomains: input.allowedDomains.map((d) => d.trim().toLowerCase()) }),
    ...(input.blockedIps !== undefined && { blockedIps: input.blockedIps.map((ip) => ip.trim()) }),
    ...(input.vendorData !== undefined && { vendorData: { ...currentVendorData, ...input.vendorData } }),
  };
}

const MINUTES_PER_DAY = 24 * 60;

function checkSchedule(schedule: WidgetSchedule): WidgetSchedule {
  if (!isValidTimeZone(schedule.timeZone)) throw invalid('schedule.timeZone', `schedule.timeZone must be a known IANA time zone, got "${schedule.timeZone}"`);
  schedule.ranges.forEach((range, i) => {
    const field = `schedule.ranges[${i}]`;
    if (!Number.isInteger(range.weekday) || range.weekday < 0 || range.weekday > 6) {
      throw invalid(field, `${field}.weekday must be 0 (Monday) to 6 (Sunday)`);
    }
    for (const key of ['startMinute', 'endMinute'] as const) {
      const minute = range[key];
      if (!Number.isInteger(minute) || minute < 0 || minute > MINUTES_PER_DAY) {
        throw invalid(field, `${field}.${key} must be 0-${MINUTES_PER_DAY}`);
      }
    }
    if (range.startMinute === range.endMinute) throw invalid(field, `${field} starts and ends at the same time`);
  });
  return schedule;
}
