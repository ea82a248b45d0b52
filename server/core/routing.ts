import { rankAvailableMembers, type MemberLoad } from './availability.ts';

export interface RoutingRules {
  /** Only members carrying at least one of these tags (tag transfers). */
  tags?: string[];
  /** Skip bots (human handoff). */
  humanOnly?: boolean;
  /** Skip this user (the agent a chat is being transferred away from). */
  excludeUserId?: string | null;
}

/**
 * Picks who takes a chat among the members who can (see `canTakeChat`): an online
 * bot first (bots answer and hand off to people), otherwise the person with the
 * fewest open chats, ties broken by the widget's member order.
 */
export function chooseMember(members: readonly MemberLoad[], rules: RoutingRules = {}): MemberLoad | undefined {
  const wanted = rules.tags?.map((t) => t.toLowerCase());
  const eligible = rankAvailableMembers(members)
    .filter((m) => !(rules.humanOnly && m.kind === 'bot'))
    .filter((m) => !(rules.excludeUserId && m.kind === 'user' && m.userId === rules.excludeUserId))
    .filter((m) => !wanted || m.tags.some((tag) => wanted.includes(tag.toLowerCase())));
  return eligible.find((m) => m.kind === 'bot') ?? eligible[0];
}
