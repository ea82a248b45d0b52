import type { Schedule, ScheduleRange } from '../../api/types.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

const toTime = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const toMinute = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Office hours 9–17 on weekdays in the browser's zone: a sensible start when an admin switches hours on. */
function defaultSchedule(): Schedule {
  return {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ranges: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, enabled: true, startMinute: 9 * 60, endMinute: 17 * 60 })),
  };
}

/**
 * Opening hours in one IANA time zone: any number of ranges per weekday. An end at or
 * before the start runs past midnight (night shifts), as the server reads it.
 */
export function ScheduleEditor({ schedule, onChange }: { schedule: Schedule | null; onChange: (schedule: Schedule | null) => void }) {
  if (!schedule) {
    return (
      <div class="stack">
        <p>Always open: chats are accepted whenever an agent is online.</p>
        <button type="button" class="secondary" onClick={() => onChange(defaultSchedule())}>
          Set opening hours
        </button>
      </div>
    );
  }
  const setRange = (index: number, change: Partial<ScheduleRange>) =>
    onChange({ ...schedule, ranges: schedule.ranges.map((range, i) => (i === index ? { ...range, ...change } : range)) });

  return (
    <div class="stack">
      <label for="time-zone">Time zone</label>
      <select id="time-zone" value={schedule.timeZone} onChange={(e) => onChange({ ...schedule, timeZone: e.currentTarget.value })}>
        {(ZONES.includes(schedule.timeZone) ? ZONES : [schedule.timeZone, ...ZONES]).map((zone) => (
          <option value={zone}>{zone}</option>
        ))}
      </select>
      <table class="table schedule">
        <thead>
          <tr>
            <th>Day</th>
            <th>Open</th>
            <th>From</th>
            <th>To</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {schedule.ranges.map((range, index) => (
            <tr>
              <td>
                <select aria-label="Day" value={range.weekday} onChange={(e) => setRange(index, { weekday: Number(e.currentTarget.value) })}>
                  {WEEKDAYS.map((name, weekday) => (
                    <option value={weekday}>{name}</option>
                  ))}
                </select>
              </td>
              <td>
                <input type="checkbox" aria-label="Open" checked={range.enabled} onChange={(e) => setRange(index, { enabled: e.currentTarget.checked })} />
              </td>
              <td>
                <input type="time" aria-label="From" value={toTime(range.startMinute)} onChange={(e) => setRange(index, { startMinute: toMinute(e.currentTarget.value) })} />
              </td>
              <td>
                <input type="time" aria-label="To" value={toTime(range.endMinute)} onChange={(e) => setRange(index, { endMinute: toMinute(e.currentTarget.value) })} />
              </td>
              <td>
                <button type="button" class="link-button" onClick={() => onChange({ ...schedule, ranges: schedule.ranges.filter((_, i) => i !== index) })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => onChange({ ...schedule, ranges: [...schedule.ranges, { weekday: 5, enabled: true, startMinute: 600, endMinute: 960 }] })}>
          Add hours
        </button>
        <button type="button" class="link-button" onClick={() => onChange(null)}>
          Always open instead
        </button>
      </div>
    </div>
  );
}
