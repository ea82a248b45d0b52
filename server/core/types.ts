import type { Attachment, MessageView, VisitorContext, WidgetSchedule } from '../../protocol/native-api.ts';
import type { TransferTarget } from '../../protocol/realtime.ts';
import type { CloseReason, ConversationSource, ConversationStatus, Presence, Role, SenderType } from '../../protocol/values.ts';
import type { ApiScope } from './scopes.ts';

/** The wire shapes and closed value sets are defined once in protocol/, shared with the console and the widget. */
export type { Attachment, CloseReason, ConversationSource, ConversationStatus, MessageView, Presence, Role, SenderType, TransferTarget, VisitorContext, WidgetSchedule };
export type VendorData = Record<string, Record<string, unknown>>;

/** A person who logs into the console. Never carries the password hash. */
export interface User {
  id: string;
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

export interface Widget {
  id: string;
  organizationId: string;
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
  visitorContext: VisitorContext;
  language: string | null;
  labels: Array<{ name: string; value: string }>;
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
