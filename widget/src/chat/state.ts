import type { PublicAgent, PublicWidgetConfig } from '../../../protocol/widget-config.ts';
import type { ChatType } from '../api/callbacks.ts';
import { resolveLanguage, type MessageKey } from '../i18n/index.ts';
import type { ConnectionState, WireMessage } from './protocol.ts';

export type { PublicAgent, PublicWidgetConfig };

/** One row of the conversation: a message, or a notice the widget words itself (translated when drawn). */
export type Line = { type: 'message'; id: string; message: WireMessage } | { type: 'notice'; id: string; key: MessageKey; values?: Record<string, string> };

/** What a proactive invitation (or startChat(msg)) shows before the visitor answers. */
export interface Invitation {
  agent: PublicAgent | undefined;
  message: string;
  minimized: boolean;
  chatType: ChatType;
}

export interface Prefill {
  name: string;
  email: string;
  /** setUserEmail(email, true): the visitor cannot change it. */
  emailLocked: boolean;
  message: string;
  /** setCustomField: sent with the chat as custom fields. */
  customFields: Record<string, string>;
}

export type PostChat = 'none' | 'rating' | 'survey' | 'done';

export interface WidgetState {
  widgetId: string;
  /** Undefined until the widget's configuration arrived (the launcher waits for it). */
  config: PublicWidgetConfig | undefined;
  online: boolean;
  locale: string;
  buttonVisible: boolean;
  panelOpen: boolean;
  /** The visitor has seen the offline confirmation for this e-mail. */
  offlineSentTo: string | undefined;
  invitation: Invitation | undefined;
  conversationId: string | undefined;
  status: 'none' | 'queued' | 'open' | 'closed';
  chatType: ChatType;
  lines: Line[];
  agent: PublicAgent | undefined;
  agentTyping: boolean;
  /** The agent has read the visitor's messages up to this seq. */
  readUpToSeq: number;
  postChat: PostChat;
  transcriptSentTo: string | undefined;
  /** The visitor's or the page's choice (allowChatSound); undefined: the widget's setting. */
  sounds: boolean | undefined;
  connection: ConnectionState;
  unread: number;
  prefill: Prefill;
  /** A failed action, shown until the next one. */
  error: MessageKey | undefined;
}

export function initialState(widgetId: string, prefill: Prefill, locale: string | undefined): WidgetState {
  return {
    widgetId,
    config: undefined,
    online: false,
    locale: locale ?? '',
    buttonVisible: true,
    panelOpen: false,
    offlineSentTo: undefined,
    invitation: undefined,
    conversationId: undefined,
    status: 'none',
    chatType: 'manual',
    lines: [],
    agent: undefined,
    agentTyping: false,
    readUpToSeq: 0,
    postChat: 'none',
    transcriptSentTo: undefined,
    sounds: undefined,
    connection: 'idle',
    unread: 0,
    prefill,
    error: undefined,
  };
}

/** The page's setLocale wins over the widget's language. */
export const languageOf = (state: WidgetState): string => resolveLanguage(state.locale || state.config?.settings.language);

export const soundsOn = (state: WidgetState): boolean => state.sounds ?? state.config?.settings.sounds ?? true;

/** A chat the visitor is in (waiting or answered), as opposed to none or one that ended. */
export const isChatLive = (state: WidgetState): boolean => state.status === 'queued' || state.status === 'open';

/** What the visitor sees in the open box, derived rather than stored so it cannot go stale. */
export type Screen = 'invitation' | 'prechat' | 'offline' | 'offline-sent' | 'chat';

export function screenOf(state: WidgetState): Screen {
  if (state.conversationId) return 'chat';
  if (state.offlineSentTo !== undefined) return 'offline-sent';
  if (state.invitation) return 'invitation';
  if (!state.online) return 'offline';
  return state.config?.settings.prechat.enabled === false && !state.config.emailRequired ? 'chat' : 'prechat';
}

/** A line shown as the agent's that the server never stored: an invitation, or sendTextToChat(text, 'visitor'). */
export function localAgentLine(id: string, agent: PublicAgent | undefined, body: string): Line {
  return {
    type: 'message',
    id,
    message: { id, seq: 0, conversationId: '', senderType: 'agent', senderId: agent?.id ?? null, senderName: agent?.alias ?? null, kind: 'text', body, content: null, createdAt: '' },
  };
}
