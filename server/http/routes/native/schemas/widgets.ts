import { Type, type Static } from 'typebox';
import { WidgetResponse, WidgetScheduleSchema, type WidgetView } from '../../../../../protocol/native-api.ts';
import type { Widget } from '../../../../core/types.ts';
import { Email, HttpUrl, Name, Nullable } from './common.ts';

/** Host names the widget may be embedded on; `*.` allows subdomains, a port is allowed for local development. */
const Domain = Type.String({ minLength: 1, maxLength: 253, pattern: '^(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?$' });
/** An IPv4/IPv6 address or CIDR range; only the characters are checked, the chat gate matches them. */
const IpOrRange = Type.String({ minLength: 2, maxLength: 64, pattern: '^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$' });

/** Exactly one of userId, email (invited as an agent if new) or botId; checked by the route. */
const MemberInput = Type.Object(
  {
    userId: Type.Optional(Type.String({ maxLength: 64 })),
    email: Type.Optional(Email),
    botId: Type.Optional(Type.String({ maxLength: 64 })),
    alias: Name,
    avatarUrl: Type.Optional(Nullable(HttpUrl)),
    memberType: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'Channel; defaults to webclient' })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const Settings = Type.Object({
  name: Name,
  destinationEmail: Nullable(Email),
  emailRequired: Type.Boolean(),
  messageRequired: Type.Boolean(),
  proactiveEnabled: Type.Boolean(),
  conversationsEnabled: Type.Boolean(),
  schedule: Nullable(WidgetScheduleSchema),
  allowedDomains: Type.Array(Domain, { maxItems: 200 }),
  blockedIps: Type.Array(IpOrRange, { maxItems: 1000 }),
  members: Type.Array(MemberInput, { maxItems: 500, description: 'Replaces the whole member list' }),
});
const OptionalSettings = Type.Partial(Settings);

export const CreateWidgetBody = Type.Object({ ...OptionalSettings.properties, name: Name }, { additionalProperties: false });
export const UpdateWidgetBody = Type.Object(OptionalSettings.properties, { additionalProperties: false });

export const WidgetEnvelope = Type.Object({ widget: WidgetResponse });
export const WidgetListEnvelope = Type.Object({ widgets: Type.Array(WidgetResponse) });

export type CreateWidgetBody = Static<typeof CreateWidgetBody>;
export type UpdateWidgetBody = Static<typeof UpdateWidgetBody>;

/** Vendor-specific attributes (`vendorData`) stay out: the native API is vendor-neutral. */
export function presentWidget(widget: Widget): WidgetView {
  return {
    id: widget.id,
    organizationId: widget.organizationId,
    channelType: widget.channel.type,
    ownerUserId: widget.ownerUserId,
    name: widget.name,
    destinationEmail: widget.destinationEmail,
    emailRequired: widget.emailRequired,
    messageRequired: widget.messageRequired,
    proactiveEnabled: widget.proactiveEnabled,
    conversationsEnabled: widget.conversationsEnabled,
    schedule: widget.schedule,
    allowedDomains: widget.allowedDomains,
    blockedIps: widget.blockedIps,
    members: widget.members.map((member) => ({
      id: member.id,
      userId: member.userId,
      botId: member.botId,
      email: member.email,
      alias: member.alias,
      avatarUrl: member.avatarUrl,
      memberType: member.memberType,
      tags: member.tags,
    })),
    createdAt: widget.createdAt.toISOString(),
    updatedAt: widget.updatedAt.toISOString(),
  };
}
