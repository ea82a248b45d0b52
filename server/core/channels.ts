import { randomBytes } from 'node:crypto';
import type { ChannelSettings } from '../db/schema/index.ts';
import type { Channel } from './types.ts';
import type { channelTypes } from '../../protocol/values.ts';

export type ChannelType = (typeof channelTypes)[number];

/** What a dialect asks for when it creates or changes a channel that is not a web widget. */
export interface ChannelInput {
  type: Exclude<ChannelType, 'web_widget'>;
  /** Where the channel's conversations are delivered; null: nowhere (agents still answer in the console). */
  callbackUrl?: string | null;
  /** The webhook format the callback speaks (a dialect's format id, e.g. `chatwoot`). */
  callbackFormat: string;
  /** API channels: contacts must prove their identifier with an HMAC (Chatwoot's "HMAC mandatory"). */
  hmacMandatory?: boolean;
}

/** A channel's public identifier (in client API paths): 24 base58 characters, as Chatwoot's `has_secure_token`. */
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export function newChannelIdentifier(): string {
  return [...randomBytes(24)].map((byte) => BASE58[byte % BASE58.length]).join('');
}

/** The secret an API channel's contacts' identifiers are signed with (HMAC-SHA256). */
export function newHmacToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The row's channel columns as the domain sees them. */
export function toChannel(row: { channelType: ChannelType; channelIdentifier: string | null; channelSettings: ChannelSettings }): Channel {
  const settings = row.channelSettings;
  const common = { identifier: row.channelIdentifier ?? '', callbackUrl: settings.callbackUrl ?? null, callbackFormat: settings.callbackFormat ?? '' };
  switch (row.channelType) {
    case 'web_widget':
      return { type: 'web_widget' };
    case 'api':
      return { type: 'api', ...common, hmacToken: settings.hmacToken ?? '', hmacMandatory: settings.hmacMandatory ?? false };
    case 'external_chat_server':
      return { type: 'external_chat_server', ...common };
  }
}
