import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { ConversationDetail, EventFrame, Message, SignalFrame } from '../api/types.ts';
import { errorText } from '../lib/format.ts';
import { live, release, retain } from './live.ts';

const PAGE_SIZE = 200;

export interface ConversationView {
  detail: ConversationDetail | null;
  /** Ordered by seq, without duplicates. */
  messages: Message[];
  hasMore: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** Other agents typing in this chat (user ids). */
  agentsTyping: string[];
}

const empty: ConversationView = { detail: null, messages: [], hasMore: false, loadingOlder: false, error: null, agentsTyping: [] };

/** Merges messages by id and keeps them in seq order: live events and HTTP pages may overlap. */
function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return current;
  const known = new Set(current.map((m) => m.id));
  const fresh = incoming.filter((m) => !known.has(m.id));
  if (fresh.length === 0) return current;
  const last = current[current.length - 1];
  // The common case, one new message at the end, stays O(1) instead of a sort.
  if (fresh.length === 1 && (!last || fresh[0]!.seq > last.seq)) return [...current, fresh[0]!];
  return [...current, ...fresh].sort((a, b) => a.seq - b.seq);
}

/**
 * One open chat: subscribe first, then read the detail and the newest page over HTTP,
 * so nothing said in between is lost (duplicates are merged away by id). Any
 * conversation.* event reloads the detail (status, labels, assignee change together).
 */
export function useConversation(conversationId: string) {
  const [view, setView] = useState<ConversationView>(empty);

  useEffect(() => {
    let alive = true;
    const update = (change: (view: ConversationView) => ConversationView) => alive && setView(change);
    const reloadDetail = () =>
      api.get<ConversationDetail>(`/conversations/${conversationId}`).then(
        (detail) => update((v) => ({ ...v, detail, error: null })),
        (error) => update((v) => ({ ...v, error: errorText(error) })),
      );
    const loadNewest = () =>
      api.get<{ messages: Message[]; hasMore: boolean }>(`/conversations/${conversationId}/messages`, { limit: PAGE_SIZE }).then((page) =>
        update((v) => {
          const messages = mergeMessages(v.messages, page.messages);
          // Only a page that reaches back to our oldest message says whether older ones exist.
          const reachesOldest = page.messages.length > 0 && messages[0]?.id === page.messages[0]!.id;
          return { ...v, messages, hasMore: reachesOldest ? page.hasMore : v.hasMore };
        }),
      );
    setView(empty);

    const client = live();
    const stops = [
      client.onEvent((event: EventFrame) => {
        if (event.conversationId !== conversationId) return;
        if (event.name === 'message.created') {
          const { message } = event.data as { message: Message };
          update((v) => ({ ...v, messages: mergeMessages(v.messages, [message]) }));
        } else if (event.name.startsWith('conversation.') || event.name === 'visitor.page_viewed' || event.name === 'contact.updated') void reloadDetail();
      }),
      client.onSignal((signal: SignalFrame) => {
        if (signal.conversationId !== conversationId || signal.name !== 'agent.typing' || !signal.data.userId) return;
        const userId = signal.data.userId;
        update((v) => ({ ...v, agentsTyping: signal.data.isTyping ? [...new Set([...v.agentsTyping, userId])] : v.agentsTyping.filter((id) => id !== userId) }));
      }),
      // Back after a drop (already re-subscribed): whatever was said meanwhile comes from HTTP, merged by id.
      client.onState((state, resumed) => {
        if (state !== 'online' || !resumed) return;
        void reloadDetail();
        loadNewest().catch((error) => update((v) => ({ ...v, error: errorText(error) })));
      }),
    ];
    const subscription = { topic: 'conversation' as const, conversationId };
    retain(subscription)
      .catch(() => {}) // offline: the subscription is restored on reconnect
      .then(() => Promise.all([reloadDetail(), loadNewest()]))
      .catch((error) => update((v) => ({ ...v, error: errorText(error) })));

    return () => {
      alive = false;
      for (const stop of stops) stop();
      release(subscription);
    };
  }, [conversationId]);

  const loadOlder = async () => {
    const first = view.messages[0];
    if (!view.hasMore || view.loadingOlder || !first) return;
    setView((v) => ({ ...v, loadingOlder: true }));
    try {
      const page = await api.get<{ messages: Message[]; hasMore: boolean }>(`/conversations/${conversationId}/messages`, { beforeSeq: first.seq, limit: PAGE_SIZE });
      setView((v) => ({ ...v, messages: mergeMessages(v.messages, page.messages), hasMore: page.hasMore, loadingOlder: false }));
    } catch (error) {
      setView((v) => ({ ...v, loadingOlder: false, error: errorText(error) }));
    }
  };

  /** After a slash command changed the contact: show it without waiting for an event. */
  const patchDetail = (change: (detail: ConversationDetail) => ConversationDetail) =>
    setView((v) => (v.detail ? { ...v, detail: change(v.detail) } : v));

  return { view, loadOlder, patchDetail };
}
