import type { WidgetSchedule } from '../db/schema/index.ts';
import type { ApiScope } from './scopes.ts';

export type { WidgetSchedule };

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
