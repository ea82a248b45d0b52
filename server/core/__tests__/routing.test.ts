import { describe, expect, it } from 'vitest';
import type { MemberLoad } from '../availability.ts';
import { chooseMember } from '../routing.ts';

const person = (id: string, open: number, tags: string[] = [], max = 3): MemberLoad => ({
  kind: 'user', memberId: `m-${id}`, userId: id, alias: id, tags, presence: 'online', disabled: false, maxConcurrentChats: max, openConversations: open,
});
const bot = (id: string): MemberLoad => ({ kind: 'bot', memberId: `m-${id}`, botId: id, alias: id, tags: [], presence: 'online', openConversations: 7 });
const chosen = (members: MemberLoad[], rules = {}) => {
  const member = chooseMember(members, rules);
  return member && (member.kind === 'user' ? member.userId : member.botId);
};

describe('chooseMember', () => {
  it('prefers the least busy person, then the member order', () => {
    expect(chosen([person('ann', 2), person('bob', 1), person('cid', 1)])).toBe('bob');
  });

  it('skips people at their limit, and finds nobody when all are', () => {
    expect(chosen([person('ann', 3), person('bob', 2)])).toBe('bob');
    expect(chosen([person('ann', 3), person('bob', 1, [], 1)])).toBeUndefined();
  });

  it('gives chats to a bot first, unless only humans are wanted', () => {
    expect(chosen([person('ann', 0), bot('helper')])).toBe('helper');
    expect(chosen([person('ann', 0), bot('helper')], { humanOnly: true })).toBe('ann');
  });

  it('routes by tag, case-insensitively, and away from the current agent', () => {
    const members = [person('ann', 0, ['sales']), person('bob', 2, ['Billing']), person('cid', 1, ['billing'])];
    expect(chosen(members, { tags: ['BILLING'] })).toBe('cid');
    expect(chosen(members, { tags: ['billing'], excludeUserId: 'cid' })).toBe('bob');
    expect(chosen(members, { tags: ['legal'] })).toBeUndefined();
  });
});
