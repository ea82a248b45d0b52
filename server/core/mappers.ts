import type { ApiCredentialRow } from '../db/repositories/api-credentials.ts';
import type { MemberLoadRow } from '../db/repositories/availability.ts';
import type { MemberLoad } from './availability.ts';
import type { UserRow } from '../db/repositories/users.ts';
import type { WidgetMemberEntry, WidgetRow } from '../db/repositories/widgets.ts';
import type { ApiScope } from './scopes.ts';
import type { ApiKey, User, Widget } from './types.ts';
import { toChannel } from './channels.ts';

/** Rows to domain objects: the one place where secrets are dropped. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    publicId: row.publicId,
    organizationId: row.organizationId,
    email: row.email,
    name: row.name,
    role: row.role,
    alias: row.alias,
    avatarUrl: row.avatarUrl,
    phone: row.phone,
    maxConcurrentChats: row.maxConcurrentChats,
    presence: row.presence,
    hasPassword: row.passwordHash !== null,
    disabled: row.disabledAt !== null,
    vendorData: row.vendorData,
    createdAt: row.createdAt,
  };
}

export function toWidget(row: WidgetRow, members: WidgetMemberEntry[]): Widget {
  return {
    id: row.id,
    publicId: row.publicId,
    organizationId: row.organizationId,
    channel: toChannel(row),
    ownerUserId: row.ownerUserId,
    name: row.name,
    destinationEmail: row.destinationEmail,
    emailRequired: row.emailRequired,
    messageRequired: row.messageRequired,
    proactiveEnabled: row.proactiveEnabled,
    conversationsEnabled: row.conversationsEnabled,
    schedule: row.schedule,
    allowedDomains: row.allowedDomains,
    blockedIps: row.blockedIps,
    vendorData: row.vendorData,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    members: members
      .filter((m) => m.widgetId === row.id)
      .map((m) => ({
        id: m.id,
        userId: m.userId,
        botId: m.botId,
        email: m.userEmail,
        alias: m.alias,
        avatarUrl: m.avatarUrl,
        memberType: m.memberType,
        tags: m.tags,
      })),
  };
}

export function toApiKey(row: ApiCredentialRow): ApiKey {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    keyId: row.keyId,
    scopes: row.scopes as ApiScope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export function toMemberLoad(row: MemberLoadRow): MemberLoad {
  if (row.userId !== null) {
    return {
      kind: 'user',
      memberId: row.memberId,
      userId: row.userId,
      alias: row.alias,
      tags: row.tags,
      presence: row.userPresence!,
      disabled: row.userDisabledAt !== null,
      maxConcurrentChats: row.maxConcurrentChats!,
      openConversations: row.openConversations,
    };
  }
  return { kind: 'bot', memberId: row.memberId, botId: row.botId!, alias: row.alias, tags: row.tags, presence: row.botPresence!, openConversations: row.openConversations };
}
