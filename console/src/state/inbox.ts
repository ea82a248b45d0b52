import { api, ApiError } from '../api/http.ts';
import type { ConversationSummary, EventFrame, Message, SignalFrame } from '../api/types.ts';
import { notify } from '../lib/notify.ts';
import { contactName } from '../lib/format.ts';
import { navigate } from '../router.tsx';
import { live, presence, release, retain } from './live.ts';
import { currentUser } from './session.ts';
import { createStore } from './store.ts';

export interface InboxState {
  loaded: boolean;
  error: string | null;
  /** Waiting for an agent, oldest first. */
  queue: ConversationSummary[];
  /** Open chats assigned to me, oldest first. */
  mine: ConversationSummary[];
  /** Visitor messages I have not seen, per conversation. */
  unread: Record<string, number>;
  /** What each visitor is typing right now (sneak peek); absent when they are not typing. */
  typing: Record<string, string>;
}

export const inbox = createStore<InboxState>({ loaded: false, error: null, queue: [], mine: [], unread: {}, typing: {} });
/** The conversation on screen: its messages count as read. */
export const activeConversationId = createStore<string | null>(null);

activeConversationId.subscribe((id) => {
  if (id && inbox.get().unread[id]) inbox.update((state) => ({ ...state, unread: { ...state.unread, [id]: 0 } }));
});

const mineSubscriptions = new Set<string>();

/** Keeps a conversation subscription for every chat of mine, so their messages update the list and unread counts. */
function followMine(mine: ConversationSummary[]): void {
  const wanted = new Set(mine.map((entry) => entry.conversation.id));
  for (const id of wanted) if (!mineSubscriptions.has(id)) {
    mineSubscriptions.add(id);
    void retain({ topic: 'conversation', conversationId: id }).catch(() => {});
  }
  for (const id of mineSubscriptions) if (!wanted.has(id)) {
    mineSubscriptions.delete(id);
    release({ topic: 'conversation', conversationId: id });
  }
}

export async function loadInbox(): Promise<void> {
  try {
    const [queue, mine] = await Promise.all([
      api.get<{ conversations: ConversationSummary[] }>('/conversations', { status: 'queued', order: 'oldest', limit: 200 }),
      api.get<{ conversations: ConversationSummary[] }>('/conversations', { status: 'open', assignee: 'me', order: 'oldest', limit: 200 }),
    ]);
    inbox.update((state) => ({
      ...state,
      loaded: true,
      error: null,
      queue: queue.conversations,
      mine: mine.conversations,
      unread: state.loaded ? withArrivals(state, mine.conversations) : unreadFromServer(mine.conversations),
    }));
    followMine(mine.conversations);
  } catch (error) {
    inbox.update((state) => ({ ...state, loaded: true, error: error instanceof ApiError ? error.message : String(error) }));
  }
}

/**
 * On the first load (sign-in, page reload) the server's counts stand in: the visitor messages no
 * agent has read yet, as read receipts record them. The chat on screen counts as read.
 */
function unreadFromServer(mine: ConversationSummary[]): Record<string, number> {
  const unread: Record<string, number> = {};
  for (const { conversation, unreadCount } of mine) {
    if (unreadCount > 0 && activeConversationId.get() !== conversation.id) unread[conversation.id] = unreadCount;
  }
  return unread;
}

/**
 * A chat that reaches me during the session (routed, transferred) was subscribed only
 * after its first lines were said: when the visitor spoke last, it counts as unread.
 */
function withArrivals(state: InboxState, mine: ConversationSummary[]): Record<string, number> {
  const known = new Set(state.mine.map((entry) => entry.conversation.id));
  const unread = { ...state.unread };
  for (const { conversation, lastMessage } of mine) {
    const arrived = !known.has(conversation.id) && lastMessage?.senderType === 'visitor' && activeConversationId.get() !== conversation.id;
    if (arrived) unread[conversation.id] = Math.max(unread[conversation.id] ?? 0, 1);
  }
  return unread;
}

/** Several events of one change arrive together (started, message, assigned): reload the lists once. */
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
function reloadSoon(): void {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void loadInbox(), 120);
}

function withLastMessage(list: ConversationSummary[], message: Message): ConversationSummary[] {
  return list.map((entry) => (entry.conversation.id === message.conversationId ? { ...entry, lastMessage: message } : entry));
}

function onMessage(message: Message): void {
  const unseen = message.senderType === 'visitor' && (activeConversationId.get() !== message.conversationId || document.hidden);
  inbox.update((state) => {
    const { [message.conversationId]: _typing, ...typing } = state.typing;
    return {
      ...state,
      queue: withLastMessage(state.queue, message),
      mine: withLastMessage(state.mine, message),
      typing: message.senderType === 'visitor' ? typing : state.typing,
      unread: unseen ? { ...state.unread, [message.conversationId]: (state.unread[message.conversationId] ?? 0) + 1 } : state.unread,
    };
  });
  if (unseen && document.hidden) notify('New message', message.body.slice(0, 120), () => navigate(`/chats/${message.conversationId}`));
}

/** New work for me, unless I am offline: a chat waiting in the queue, or one routed or transferred to me. */
function announce(event: EventFrame): void {
  const conversationId = event.conversationId;
  if (!conversationId || presence.get().status === 'offline') return;
  const open = () => navigate(`/chats/${conversationId}`);
  if (event.name === 'conversation.queued') notify('A visitor is waiting', 'A new chat is in the queue.', open);
  const assignee = (event.data as { assignee?: { type: string; id: string } }).assignee;
  if (event.name === 'conversation.assigned' && assignee?.id === currentUser().id && (event.data as { by?: string }).by !== 'agent') {
    const entry = inbox.get().queue.find((item) => item.conversation.id === conversationId);
    notify('New chat for you', entry ? `${contactName(entry.contact)} is waiting for your answer.` : 'A chat was assigned to you.', open);
  }
}

function onEvent(event: EventFrame): void {
  if (event.name === 'message.created') return onMessage((event.data as { message: Message }).message);
  if (!event.name.startsWith('conversation.')) return;
  announce(event);
  reloadSoon();
}

/** A visitor who closes the tab mid-sentence never says "stopped typing": previews fade after this long. */
const TYPING_STALE_MS = 10_000;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

function setTyping(conversationId: string, preview: string | null): void {
  clearTimeout(typingTimers.get(conversationId));
  if (preview !== null) typingTimers.set(conversationId, setTimeout(() => setTyping(conversationId, null), TYPING_STALE_MS));
  inbox.update((state) => {
    const { [conversationId]: _previous, ...others } = state.typing;
    return { ...state, typing: preview === null ? others : { ...others, [conversationId]: preview } };
  });
}

function onSignal(signal: SignalFrame): void {
  if (signal.name === 'visitor.typing') setTyping(signal.conversationId, signal.data.isTyping ? (signal.data.preview ?? '') : null);
}

/** Starts listening: the queue and my own topic, then the lists. Returns a function that stops. */
export function startInbox(): () => void {
  const client = live();
  const stops = [
    client.onEvent(onEvent),
    client.onSignal(onSignal),
    client.onState((state, resumed) => {
      if (state === 'online' && resumed) reloadSoon();
    }),
  ];
  void client.subscribe({ topic: 'queue' }).catch(() => {});
  void client.subscribe({ topic: 'agent' }).catch(() => {});
  void loadInbox();
  return () => {
    for (const stop of stops) stop();
    mineSubscriptions.clear();
    inbox.set({ loaded: false, error: null, queue: [], mine: [], unread: {}, typing: {} });
  };
}
