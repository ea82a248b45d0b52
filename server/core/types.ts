import type { Attachment, MessageView, VisitorContext, WidgetSchedule } from '../../protocol/native-api.ts';
import type { TransferTarget } from '../../protocol/realtime.ts';
import type { CloseReason, ConversationPriority, ConversationSource, ConversationStatus, Presence, Role, SenderType } from '../../protocol/values.ts';
import type { ApiScope } from './scopes.ts';

/** The wire shapes and closed value sets are defined once in protocol/, shared with the console and the widget. */
export type { Attachment, CloseReason, ConversationPriority, ConversationSource, ConversationStatus, MessageView, Presence, Role, SenderType, TransferTarget, VisitorContext, WidgetSchedule };
export type VendorData = Record<string, Record<string, unknown>>;

/** A person who logs into the console. Never carries the password hash. */
export interface User {
  id: string;
  /** Integer id per organization, for APIs that expect one (db/schema/public-ids.ts). */
  publicId: number;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  alias: string | null;
  avatarUrl: string | null;
  phone: string | null;
  maxConcurrentChats: number;
  presence: Presence;
  hasPassword: boolean;
  disabled: boolean;
  vendorData: VendorData;
  createdAt: Date;
}

export interface WidgetMember {
  id: string;
  userId: string | null;
  botId: string | null;
  /** Login e-mail of the member's user; null for bots. */
  email: string | null;
  alias: string;
  avatarUrl: string | null;
  memberType: string;
  tags: string[];
}

/**
 * What kind of entry point a widget is, with the settings of that kind. Members, schedule,
 * routing, queue and the console treat every kind alike; only how the contact's side arrives
 * and where the agents' side goes differ (docs/architecture.md, "Channels").
 */
export type Channel =
  | { type: 'web_widget' }
  | { type: 'api'; identifier: string; callbackUrl: string | null; callbackFormat: string; hmacToken: string; hmacMandatory: boolean }
  | { type: 'external_chat_server'; identifier: string; callbackUrl: string | null; callbackFormat: string };

export interface Widget {
  id: string;
  /** Integer id per organization (Chatwoot's inbox id). */
  publicId: number;
  organizationId: string;
  channel: Channel;
  ownerUserId: string | null;
  name: string;
  destinationEmail: string | null;
  emailRequired: boolean;
  messageRequired: boolean;
  proactiveEnabled: boolean;
  conversationsEnabled: boolean;
  schedule: WidgetSchedule | null;
  allowedDomains: string[];
  blockedIps: string[];
  members: WidgetMember[];
  vendorData: VendorData;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiKey {
  id: string;
  organizationId: string;
  name: string;
  keyId: string;
  scopes: ApiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The member a conversation is assigned to. */
export type Assignee = { type: 'user'; id: string } | { type: 'bot'; id: string };

export interface Conversation {
  id: string;
  number: number;
  organizationId: string;
  widgetId: string;
  contactId: string;
  status: ConversationStatus;
  source: ConversationSource;
  assignee: Assignee | null;
  /** The team it is handed to (core/queries/teams.ts); null: none. */
  teamId: string | null;
  visitorContext: VisitorContext;
  language: string | null;
  labels: Array<{ name: string; value: string }>;
  /** Attributes an integration keeps on the conversation (merged on update). */
  customAttributes: Record<string, unknown>;
  priority: ConversationPriority | null;
  createdAt: Date;
  assignedAt: Date | null;
  firstResponseAt: Date | null;
  lastActivityAt: Date;
  closedAt: Date | null;
  closedBy: CloseReason | null;
  rating: number | null;
  ratingComment: string | null;
  /** Seconds from start to first assignment. */
  waitSeconds: number | null;
  firstResponseSeconds: number | null;
  durationSeconds: number | null;
}
