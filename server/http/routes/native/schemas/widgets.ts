import { Type, type Static } from 'typebox';
import type { Widget } from '../../../../core/types.ts';
import { Email, HttpUrl, Name, Nullable, Timestamp } from './common.ts';

const MINUTES_PER_DAY = 24 * 60;
const minute = (description: string) => Type.Integer({ minimum: 0, maximum: MINUTES_PER_DAY, description });

const Schedule = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Berlin' }),
    ranges: Type.Array(
      Type.Object(
        {
          weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Monday … 6 = Sunday' }),
          enabled: Type.Boolean(),
          startMinute: minute('Minutes since local midnight'),
          endMinute: minute('Minutes since local midnight; at or before the start means the range runs past midnight'),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false, description: 'Opening hours; null means always open' },
);

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
  schedule: Nullable(Schedule),
  allowedDomains: Type.Array(Domain, { maxItems: 200 }),
  blockedIps: Type.Array(IpOrRange, { maxItems: 1000 }),
  members: Type.Array(MemberInput, { maxItems: 500, description: 'Replaces the whole member list' }),
});
const OptionalSettings = Type.Partial(Settings);

export const CreateWidgetBody = Type.Object({ ...OptionalSettings.properties, name: Name }, { additionalProperties: false });
export const UpdateWidgetBody = Type.Object(OptionalSettings.properties, { additionalProperties: false });

const MemberResponse = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  botId: Nullable(Type.String()),
  email: Nullable(Type.String()),
  alias: Type.String(),
  avatarUrl: Nullable(Type.String()),
  memberType: Type.String(),
  tags: Type.Array(Type.String()),
});

export const WidgetResponse = Type.Object({
  id: Type.String(),
  organizationId: Type.String(),
  ownerUserId: Nullable(Type.String()),
  name: Type.String(),
  destinationEmail: Nullable(Type.String()),
  emailRequired: Type.Boolean(),
  messageRequired: Type.Boolean(),
  proactiveEnabled: Type.Boolean(),
  conversationsEnabled: Type.Boolean(),
  schedule: Nullable(Schedule),
  allowedDomains: Type.Array(Type.String()),
  blockedIps: Type.Array(Type.String()),
  members: Type.Array(MemberResponse),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const WidgetEnvelope = Type.Object({ widget: WidgetResponse });
export const WidgetListEnvelope = Type.Object({ widgets: Type.Array(WidgetResponse) });

export type CreateWidgetBody = Static<typeof CreateWidgetBody>;
export type UpdateWidgetBody = Static<typeof UpdateWidgetBody>;
export type WidgetResponse = Static<typeof WidgetResponse>;

/** Vendor-specific attributes (`vendorData`) stay out: the native API is vendor-neutral. */
export function presentWidget(widget: Widget): WidgetResponse {
  return {
    id: widget.id,
    organizationId: widget.organizationId,
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
