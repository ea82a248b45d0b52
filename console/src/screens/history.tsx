import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { ConversationSummary } from '../api/types.ts';
import { contactName, errorText, statusWords, when } from '../lib/format.ts';
import { Link } from '../router.tsx';
import { RowChannel } from './inbox/channel-tag.tsx';
import { ChatView } from './inbox/chat-view.tsx';

const PAGE = 50;

type Results = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; items: ConversationSummary[]; more: boolean };

/** Recent conversations, newest first, or the hits of a full-text search over messages, names and e-mails. */
function useHistory(query: string) {
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const load = async (before?: string) => {
    const searching = query.trim().length >= 2;
    const answer = searching
      ? await api.get<{ conversations: ConversationSummary[] }>('/conversations/search', { q: query.trim(), limit: PAGE })
      : await api.get<{ conversations: ConversationSummary[] }>('/conversations', { limit: PAGE, order: 'newest', before });
    return { items: answer.conversations, more: !searching && answer.conversations.length === PAGE };
  };
  useEffect(() => {
    let alive = true;
    setResults({ status: 'loading' });
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      load().then(
        (page) => alive && setResults({ status: 'done', ...page }),
        (error) => alive && setResults({ status: 'error', message: errorText(error) }),
      );
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [query]);
  const loadMore = async () => {
    if (results.status !== 'done') return;
    const last = results.items[results.items.length - 1];
    const page = await load(last?.conversation.createdAt);
    setResults({ status: 'done', items: [...results.items, ...page.items], more: page.more });
  };
  return { results, loadMore };
}

export function HistoryScreen({ conversationId }: { conversationId: string | null }) {
  const [query, setQuery] = useState('');
  const { results, loadMore } = useHistory(query);
  return (
    <div class={`inbox${conversationId ? ' has-chat' : ''}`}>
      <nav class="inbox-lists" aria-label="Past conversations">
        <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
          <input type="search" aria-label="Search conversations" placeholder="Search messages, names, e-mails" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autoFocus />
        </form>
        {results.status === 'loading' && <p class="list-empty" aria-busy="true">Searching…</p>}
        {results.status === 'error' && <p class="error" role="alert">Search failed: {results.message}</p>}
        {results.status === 'done' && results.items.length === 0 && (
          <p class="list-empty">{query.trim().length >= 2 ? `Nothing matches “${query.trim()}”. Try another word or a part of an e-mail address.` : 'No conversations yet.'}</p>
        )}
        {results.status === 'done' && (
          <ul class="history-list">
            {results.items.map((entry) => (
              <li>
                <Link href={`/history/${entry.conversation.id}`} class={`conversation-row${entry.conversation.id === conversationId ? ' active' : ''}`}>
                  <span class="row-top">
                    <span class="row-name">{contactName(entry.contact)}</span>
                    <span class="row-time">{when(entry.conversation.createdAt)}</span>
                  </span>
                  <RowChannel widgetId={entry.conversation.widgetId} />
                  <span class="row-bottom">
                    <span class="row-preview">{entry.match ?? entry.lastMessage?.body ?? 'No messages'}</span>
                    <span class="muted small">{statusWords[entry.conversation.status]}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {results.status === 'done' && results.more && (
          <button type="button" class="secondary load-more" onClick={() => void loadMore()}>
            Show older conversations
          </button>
        )}
      </nav>
      <div class="inbox-main">
        {conversationId ? (
          <ChatView key={conversationId} conversationId={conversationId} readOnly />
        ) : (
          <div class="empty">
            <h2>Past conversations</h2>
            <p>Search finds words in messages and parts of visitors' names and e-mail addresses.</p>
          </div>
        )}
      </div>
    </div>
  );
}
