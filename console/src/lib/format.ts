import type { ChannelType, Contact, Conversation } from '../api/types.ts';

/**
 * Web widgets talk with visitors of a website; the other channels (an API inbox, an external chat
 * server) with a backend's contacts, of whom no page, browser or place is known. While a chat's
 * channel is still loading (undefined) the web wording stays.
 */
export const isWebChannel = (type: ChannelType | undefined) => type === undefined || type === 'web_widget';

/** "visitor" or "contact": what the person on the other side is called in this channel. */
export const personWord = (type: ChannelType | undefined) => (isWebChannel(type) ? 'visitor' : 'contact');

/** The small badge beside a channel's name; web widgets need none. */
export const channelBadges: Record<ChannelType, string | null> = { web_widget: null, api: 'API', external_chat_server: 'Chat server' };

/** How a visitor is called in lists and headers: what they told us, else a neutral word. */
export const contactName = (contact: Contact | null | undefined, channelType?: ChannelType) =>
  contact?.name || contact?.email || (isWebChannel(channelType) ? 'Visitor' : 'Contact');

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export const clock = (iso: string) => timeFormat.format(new Date(iso));
export const day = (iso: string) => dateFormat.format(new Date(iso));
export const when = (iso: string) => dateTimeFormat.format(new Date(iso));

/** "3 min", "1 h 5 min": waiting times in lists. */
export function since(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d`;
}

/** "just now", "3 min ago": when something happened, in a sentence. */
export function ago(iso: string): string {
  const elapsed = since(iso);
  return elapsed === 'just now' ? elapsed : `${elapsed} ago`;
}

export const statusWords: Record<Conversation['status'], string> = { queued: 'Waiting', open: 'Open', closed: 'Ended' };

export const closedByWords: Record<string, string> = {
  agent: 'an agent ended it',
  visitor: 'the visitor ended it',
  timed_out: 'it was idle for too long',
  no_agents_found: 'no agent was available',
};

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
