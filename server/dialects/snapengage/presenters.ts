import type { User, Widget, WidgetAvailability } from '../kit.ts';
import { scheduleToSnapEngage } from './schedule.ts';
import type { UserResponse, WidgetResponse } from './schemas/provisioning.ts';
import type { AvailabilityResponse, StringBoolean } from './schemas/widget-availability.ts';

/** SnapEngage prefixes web-client agent ids with `wc:` in every response. */
export const agentIdOf = (email: string) => `wc:${email}`;

/** The reverse, for ids clients send: with or without the prefix (any case), the e-mail lower-cased. */
export const emailOfAgentId = (agentId: string) => agentId.replace(/^wc:/i, '').toLowerCase();

/** The vendor writes booleans as strings in some APIs; its mobile SDKs compare them with "true". */
const stringBoolean = (value: boolean): StringBoolean => (value ? 'true' : 'false');

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

/** Visitor Chat and Widget Availability APIs. Screenshots are a retired SnapEngage feature: never required. */
export function presentAvailability({ widget, online }: WidgetAvailability): AvailabilityResponse {
  return {
    widgetId: widget.id,
    online: stringBoolean(online),
    emailRequired: stringBoolean(widget.emailRequired),
    messageRequired: stringBoolean(widget.messageRequired),
    screenshotRequired: 'false',
  };
}
