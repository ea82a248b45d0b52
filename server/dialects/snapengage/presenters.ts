import type { User, Widget } from '../../core/types.ts';
import { scheduleToSnapEngage } from './schedule.ts';
import type { UserResponse, WidgetResponse } from './schemas/provisioning.ts';

/** SnapEngage prefixes web-client agent ids with `wc:` in every response. */
export const agentIdOf = (email: string) => `wc:${email}`;

/** Attributes only this dialect gives meaning to, kept under the user's/widget's `vendorData.snapengage`. */
export interface SnapEngageUserData {
  accountType?: string;
}

export function snapEngageUserData(user: User): SnapEngageUserData {
  return (user.vendorData.snapengage ?? {}) as SnapEngageUserData;
}

export function presentUser(user: User): UserResponse {
  return {
    email: user.email,
    name: user.name,
    phone: user.phone,
    accountType: snapEngageUserData(user).accountType ?? null,
  };
}

/** `ownerEmail` is the account e-mail the widget belongs to (the request's `email`). */
export function presentWidget(widget: Widget, ownerEmail: string | null): WidgetResponse {
  return {
    name: widget.name,
    email: ownerEmail,
    destinationEmail: widget.destinationEmail,
    uuid: widget.id,
    agents: widget.members
      .filter((member) => member.email !== null)
      .map((member) => ({
        agentId: agentIdOf(member.email!),
        agentAlias: member.alias,
        agentAvatar: member.avatarUrl ?? '',
        agentType: member.memberType,
      })),
    enableProactiveChat: String(widget.proactiveEnabled),
    enableConversations: widget.conversationsEnabled,
    conversationSchedule: widget.schedule && scheduleToSnapEngage(widget.schedule),
    onlineButtonUrl: null,
    offlineButtonUrl: null,
    proactiveSettings: null,
  };
}
