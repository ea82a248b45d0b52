/** Shapes of the native API and realtime frames, as the console uses them (docs/native-api.md, docs/realtime.md). */

export type Role = 'admin' | 'agent';
export type Presence = 'online' | 'pause' | 'offline';

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
  createdAt: string;
}

export interface Teammate {
  id: string;
  name: string;
  alias: string | null;
  avatarUrl: string | null;
  role: Role;
  presence: Presence;
}

export interface ScheduleRange {
  weekday: number;
  enabled: boolean;
  startMinute: number;
  endMinute: number;
}

export interface Schedule {
  timeZone: string;
  ranges: ScheduleRange[];
}

export interface WidgetMember {
  id: string;
  userId: string | null;
  botId: string | null;
  email: string | null;
  alias: string;
  avatarUrl: string | null;
  memberType: string;
  tags: string[];
}

export interface Widget {
  id: string;
  name: string;
  destinationEmail: string | null;
  emailRequired: boolean;
  messageRequired: boolean;
  proactiveEnabled: boolean;
  conversationsEnabled: boolean;
  schedule: Schedule | null;
  allowedDomains: string[];
  blockedIps: string[];
  members: WidgetMember[];
  createdAt: string;
}

export interface HubLink {
  label: string;
  url: string;
}

export interface ApiKey {
  id: string;
  name: string;
  keyId: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type ConversationStatus = 'queued' | 'open' | 'closed';
export type Assignee = { type: 'user' | 'bot'; id: string };

export interface VisitorContext {
  ip?: string;
  userAgent?: string;
  browser?: string;
  os?: string;
  pageUrl?: string;
  entryUrl?: string;
  referrerUrl?: string;
  locale?: string;
  geo?: { city?: string; region?: string; countryCode?: string };
  customFields?: Record<string, string>;
  jsVariables?: Record<string, string>;
}

export interface Label {
  name: string;
  value: string;
}

export interface Conversation {
  id: string;
  number: number;
  widgetId: string;
  contactId: string;
  status: ConversationStatus;
  source: 'manual' | 'proactive' | 'offline';
  assignee: Assignee | null;
  visitorContext: VisitorContext;
  labels: Label[];
  createdAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  closedBy: string | null;
  rating: number | null;
}

export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface Message {
  id: string;
  seq: number;
  conversationId: string;
  senderType: 'visitor' | 'agent' | 'bot' | 'system';
  senderId: string | null;
  senderName: string | null;
  kind: 'text' | 'note' | 'attachment' | 'structured' | 'event';
  body: string;
  content: Record<string, unknown> | null;
  private: boolean;
  createdAt: string;
}

export interface ConversationSummary {
  conversation: Conversation;
  contact: Contact | null;
  lastMessage: Message | null;
  match?: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  pageHistory: Array<{ url: string; title: string | null; viewedAt: string }>;
  previousConversations: ConversationSummary[];
}

/** A stored event as the gateway sends it. */
export interface EventFrame {
  type: 'event';
  eventId: number;
  name: string;
  occurredAt: string;
  conversationId?: string;
  widgetId?: string;
  userId?: string;
  data: Record<string, unknown>;
}

export interface SignalFrame {
  type: 'signal';
  name: 'visitor.typing' | 'agent.typing';
  conversationId: string;
  data: { conversationId: string; isTyping: boolean; preview?: string; userId?: string };
}

/** A payload format a webhook may use (GET /webhook-formats); `scope` says whether it is per widget. */
export interface WebhookFormat {
  id: string;
  description: string;
  scope: 'any' | 'organization' | 'widget';
  events: string[];
  emailOnFailure: boolean;
}

/** An outbound webhook subscription; the signing secret and auth token are never read back. */
export interface Webhook {
  id: string;
  widgetId: string | null;
  format: string;
  url: string;
  events: string[];
  hasAuthToken: boolean;
  fallbackEmail: string | null;
  active: boolean;
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventId: number;
  event: string;
  state: 'pending' | 'delivered' | 'failed' | 'emailed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  contentType: string;
  createdAt: string;
  settledAt: string | null;
}

/** A bot member (SnapEngage Bot API endpoint); the endpoint token is write-only. */
export interface Bot {
  id: string;
  name: string;
  endpointUrl: string | null;
  hasEndpointToken: boolean;
  presence: 'online' | 'offline';
  createdAt: string;
}
