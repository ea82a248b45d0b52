import type { VisitorContext, WidgetSchedule } from '../db/schema/index.ts';
import type { ApiScope } from './scopes.ts';

export type { VisitorContext, WidgetSchedule };

export type Role = 'admin' | 'agent';
export type Presence = 'online' | 'pause' | 'offline';
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

export type ConversationStatus = 'queued' | 'open' | 'closed';
export type ConversationSource = 'manual' | 'proactive' | 'offline';
/** Who ended a conversation, in SnapEngage's words (chat_ended_by). */
export type CloseReason = 'agent' | 'visitor' | 'timed_out' | 'no_agents_found';
export type SenderType = 'visitor' | 'agent' | 'bot' | 'system';

/** The member a conversation is assigned to. */
export type Assignee = { type: 'user'; id: string } | { type: 'bot'; id: string };

/** Where a transfer sends a conversation: a named agent, another widget, or the members with given tags. */
export type TransferTarget =
  | { kind: 'agent'; userId: string }
  | { kind: 'widget'; widgetId: string; humanOnly?: boolean }
  | { kind: 'tags'; widgetId: string; tags: string[] };

/** A message as every client sees it (private notes are only ever sent to agents). */
/** A file sent in a chat, as carried by an `attachment` message's content. */
export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export interface MessageView {
  id: string;
  seq: number;
  conversationId: string;
  senderType: SenderType;
  senderId: string | null;
  senderName: string | null;
  kind: 'text' | 'note' | 'attachment' | 'structured' | 'event';
  body: string;
  content: Record<string, unknown> | null;
  private: boolean;
  createdAt: string;
}

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
