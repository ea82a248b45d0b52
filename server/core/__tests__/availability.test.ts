import { describe, expect, it } from 'vitest';
import {
  canTakeChat,
  isWidgetOnline,
  isWithinSchedule,
  localTimeIn,
  rankAvailableMembers,
  type MemberLoad,
} from '../availability.ts';
import type { WidgetSchedule } from '../types.ts';

/** Pure availability rules: opening hours in a time zone, and who can take a chat. */

const MON = 0;
const FRI = 4;
const SAT = 5;
const SUN = 6;
const at = (iso: string) => new Date(iso);
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;

function schedule(timeZone: string, ...ranges: Array<[weekday: number, start: number, end: number, enabled?: boolean]>): WidgetSchedule {
  return { timeZone, ranges: ranges.map(([weekday, startMinute, endMinute, enabled = true]) => ({ weekday, startMinute, endMinute, enabled })) };
}

/** [UTC instant, expected open?, what the local clock says]: the third column is for the reader and the test name. */
type Case = [iso: string, open: boolean, local: string];

function expectOpenings(hours: WidgetSchedule, cases: Case[]) {
  for (const [iso, open, local] of cases) {
    expect({ local, open: isWithinSchedule(hours, at(iso)) }).toEqual({ local, open });
  }
}

describe('localTimeIn', () => {
  it('reads the weekday and minute of the zone, not of UTC', () => {
    // Sunday 23:30 UTC is already Monday 08:30 in Tokyo.
    expect(localTimeIn('Asia/Tokyo', at('2026-01-04T23:30:00Z'))).toEqual({ weekday: MON, minute: hm(8, 30) });
    expect(localTimeIn('UTC', at('2026-01-04T23:30:00Z'))).toEqual({ weekday: SUN, minute: hm(23, 30) });
  });

  it('writes midnight as minute 0, not 24:00', () => {
    expect(localTimeIn('Europe/Berlin', at('2026-01-04T23:00:00Z'))).toEqual({ weekday: MON, minute: 0 });
  });
});

describe('isWithinSchedule', () => {
  it('is always open without a schedule', () => {
    expect(isWithinSchedule(null, at('2026-01-04T03:00:00Z'))).toBe(true);
  });

  it('is never open with a schedule that has no ranges', () => {
    expect(isWithinSchedule(schedule('UTC'), at('2026-01-05T12:00:00Z'))).toBe(false);
  });

  it('opens and closes on the local minute in Europe/Berlin, winter (UTC+1) and summer (UTC+2)', () => {
    const officeHours = schedule('Europe/Berlin', [MON, hm(9), hm(17)]);
    expectOpenings(officeHours, [
      ['2026-01-05T07:59:00Z', false, 'Mon 08:59 CET'],
      ['2026-01-05T08:00:00Z', true, 'Mon 09:00 CET'],
      ['2026-01-05T15:59:00Z', true, 'Mon 16:59 CET'],
      ['2026-01-05T16:00:00Z', false, 'Mon 17:00 CET'],
      ['2026-07-06T06:59:00Z', false, 'Mon 08:59 CEST'],
      ['2026-07-06T07:00:00Z', true, 'Mon 09:00 CEST'],
      ['2026-07-06T15:00:00Z', false, 'Mon 17:00 CEST'],
      ['2026-01-06T08:00:00Z', false, 'Tue 09:00 CET: another weekday'],
    ]);
  });

  it('uses the weekday of the zone when it differs from the UTC weekday', () => {
    expectOpenings(schedule('Asia/Tokyo', [MON, hm(8), hm(9)]), [
      ['2026-01-04T23:30:00Z', true, 'Mon 08:30 JST (Sun in UTC)'],
      ['2026-01-05T08:30:00Z', false, 'Mon 17:30 JST (Mon 08:30 in UTC)'],
    ]);
  });

  it('spring forward (America/New_York, 2026-03-08): a 01:00-03:00 range lasts one real hour', () => {
    expectOpenings(schedule('America/New_York', [SUN, hm(1), hm(3)]), [
      ['2026-03-08T05:59:00Z', false, 'Sun 00:59 EST'],
      ['2026-03-08T06:00:00Z', true, 'Sun 01:00 EST'],
      ['2026-03-08T06:59:00Z', true, 'Sun 01:59 EST'],
      // 02:00 EST does not exist: the clock jumps to 03:00 EDT. A fixed -5h offset would say 02:00, open.
      ['2026-03-08T07:00:00Z', false, 'Sun 03:00 EDT'],
      ['2026-03-08T07:30:00Z', false, 'Sun 03:30 EDT'],
    ]);
  });

  it('fall back (America/New_York, 2026-11-01): a 01:00-03:00 range lasts three real hours', () => {
    expectOpenings(schedule('America/New_York', [SUN, hm(1), hm(3)]), [
      ['2026-11-01T04:59:00Z', false, 'Sun 00:59 EDT'],
      ['2026-11-01T05:00:00Z', true, 'Sun 01:00 EDT'],
      ['2026-11-01T06:30:00Z', true, 'Sun 01:30 EST (the second 01:30)'],
      // A fixed -4h offset would say 03:30, closed.
      ['2026-11-01T07:30:00Z', true, 'Sun 02:30 EST'],
      ['2026-11-01T08:00:00Z', false, 'Sun 03:00 EST'],
    ]);
  });

  it('an overnight range (Friday 22:00-02:00) runs into Saturday morning', () => {
    expectOpenings(schedule('UTC', [FRI, hm(22), hm(2)]), [
      ['2026-01-09T21:59:00Z', false, 'Fri 21:59'],
      ['2026-01-09T22:00:00Z', true, 'Fri 22:00'],
      ['2026-01-09T23:59:00Z', true, 'Fri 23:59'],
      ['2026-01-10T00:00:00Z', true, 'Sat 00:00'],
      ['2026-01-10T01:00:00Z', true, 'Sat 01:00'],
      ['2026-01-10T01:59:00Z', true, 'Sat 01:59'],
      ['2026-01-10T02:00:00Z', false, 'Sat 02:00'],
      ['2026-01-09T01:00:00Z', false, 'Fri 01:00: the morning before the range starts'],
      ['2026-01-10T22:30:00Z', false, 'Sat 22:30: the range belongs to Friday only'],
    ]);
  });

  it('an overnight range on Sunday runs into Monday (the week wraps)', () => {
    expectOpenings(schedule('UTC', [SUN, hm(23), hm(1)]), [
      ['2026-01-11T23:30:00Z', true, 'Sun 23:30'],
      ['2026-01-12T00:30:00Z', true, 'Mon 00:30'],
      ['2026-01-12T01:00:00Z', false, 'Mon 01:00'],
      ['2026-01-05T00:30:00Z', true, 'Mon 00:30, another week'],
      ['2026-01-06T00:30:00Z', false, 'Tue 00:30'],
    ]);
  });

  it('an overnight range in a DST zone still ends on the next day’s local clock', () => {
    // Saturday 2026-03-07 22:00 EST to Sunday 02:00, which is EST still; the night before spring forward.
    expectOpenings(schedule('America/New_York', [SAT, hm(22), hm(2)]), [
      ['2026-03-08T06:59:00Z', true, 'Sun 01:59 EST'],
      ['2026-03-08T07:00:00Z', false, 'Sun 03:00 EDT'],
    ]);
  });

  it('endMinute 1440 is midnight: open until 23:59, closed at 00:00', () => {
    expectOpenings(schedule('UTC', [MON, hm(20), 1440]), [
      ['2026-01-05T23:59:00Z', true, 'Mon 23:59'],
      ['2026-01-06T00:00:00Z', false, 'Tue 00:00'],
    ]);
  });

  it('0-1440 is the whole day', () => {
    expectOpenings(schedule('UTC', [MON, 0, 1440]), [
      ['2026-01-05T00:00:00Z', true, 'Mon 00:00'],
      ['2026-01-05T23:59:00Z', true, 'Mon 23:59'],
      ['2026-01-04T23:59:00Z', false, 'Sun 23:59'],
    ]);
  });

  it('several ranges on one day leave the gap between them closed', () => {
    expectOpenings(schedule('UTC', [MON, hm(9), hm(12)], [MON, hm(13), hm(17)]), [
      ['2026-01-05T11:59:00Z', true, 'Mon 11:59'],
      ['2026-01-05T12:00:00Z', false, 'Mon 12:00'],
      ['2026-01-05T12:59:00Z', false, 'Mon 12:59'],
      ['2026-01-05T13:00:00Z', true, 'Mon 13:00'],
      ['2026-01-05T16:59:00Z', true, 'Mon 16:59'],
    ]);
  });

  it('ignores disabled ranges, and keeps the enabled ones', () => {
    expectOpenings(schedule('UTC', [MON, hm(9), hm(12), false], [MON, hm(13), hm(17)], [FRI, hm(22), hm(2), false]), [
      ['2026-01-05T10:00:00Z', false, 'Mon 10:00, in a disabled range'],
      ['2026-01-05T14:00:00Z', true, 'Mon 14:00, in an enabled range'],
      ['2026-01-10T01:00:00Z', false, 'Sat 01:00, in a disabled overnight range'],
    ]);
  });
});

// ---------------------------------------------------------------- members

let nextId = 0;
function agent(overrides: Partial<Extract<MemberLoad, { kind: 'user' }>> = {}): MemberLoad {
  nextId += 1;
  return { kind: 'user', memberId: `m${nextId}`, userId: `u${nextId}`, alias: `Agent ${nextId}`, tags: [], presence: 'online', disabled: false, maxConcurrentChats: 3, openConversations: 0, ...overrides };
}
function bot(overrides: Partial<Extract<MemberLoad, { kind: 'bot' }>> = {}): MemberLoad {
  nextId += 1;
  return { kind: 'bot', memberId: `m${nextId}`, botId: `b${nextId}`, alias: `Bot ${nextId}`, tags: [], presence: 'online', openConversations: 0, ...overrides };
}

describe('canTakeChat', () => {
  it.each<[string, MemberLoad, boolean]>([
    ['an online agent under the limit', agent({ openConversations: 2, maxConcurrentChats: 3 }), true],
    ['a paused agent', agent({ presence: 'pause' }), false],
    ['an offline agent', agent({ presence: 'offline' }), false],
    ['a disabled agent who is still marked online', agent({ disabled: true }), false],
    ['an agent at the limit', agent({ openConversations: 3, maxConcurrentChats: 3 }), false],
    ['an agent over the limit (lowered while chatting)', agent({ openConversations: 4, maxConcurrentChats: 3 }), false],
    ['an agent whose limit is 0', agent({ maxConcurrentChats: 0 }), false],
    ['an online bot, however busy', bot({ openConversations: 500 }), true],
    ['an offline bot', bot({ presence: 'offline' }), false],
  ])('%s: %s', (_, member, expected) => {
    expect(canTakeChat(member)).toBe(expected);
  });
});

describe('rankAvailableMembers', () => {
  it('keeps only members who can take a chat, least busy first, ties in member order', () => {
    const busy = agent({ openConversations: 2 });
    const paused = agent({ presence: 'pause' });
    const idleFirst = agent({ openConversations: 0 });
    const full = agent({ openConversations: 3 });
    const someBot = bot({ openConversations: 1 });
    const idleSecond = agent({ openConversations: 0 });
    const ranked = rankAvailableMembers([busy, paused, idleFirst, full, someBot, idleSecond]);
    expect(ranked.map((m) => m.memberId)).toEqual([idleFirst, idleSecond, someBot, busy].map((m) => m.memberId));
  });

  it('is empty when nobody can take a chat', () => {
    expect(rankAvailableMembers([agent({ presence: 'offline' }), bot({ presence: 'offline' })])).toEqual([]);
  });
});

describe('isWidgetOnline', () => {
  const monday10 = at('2026-01-05T10:00:00Z');
  const open = { conversationsEnabled: true, schedule: null };

  it('is online when open and one member can take a chat', () => {
    expect(isWidgetOnline(open, [agent({ presence: 'pause' }), agent()], monday10)).toBe(true);
  });

  it('is online with only a bot', () => {
    expect(isWidgetOnline(open, [bot()], monday10)).toBe(true);
  });

  it('is offline when no member can take a chat', () => {
    expect(isWidgetOnline(open, [agent({ presence: 'pause' }), agent({ openConversations: 3 }), bot({ presence: 'offline' })], monday10)).toBe(false);
    expect(isWidgetOnline(open, [], monday10)).toBe(false);
  });

  it('is offline when conversations are disabled, even with available members', () => {
    expect(isWidgetOnline({ ...open, conversationsEnabled: false }, [agent(), bot()], monday10)).toBe(false);
  });

  it('is offline outside its schedule, online inside it', () => {
    const hours = { conversationsEnabled: true, schedule: schedule('UTC', [MON, hm(9), hm(17)]) };
    expect(isWidgetOnline(hours, [agent()], monday10)).toBe(true);
    expect(isWidgetOnline(hours, [agent()], at('2026-01-05T17:00:00Z'))).toBe(false);
  });
});
