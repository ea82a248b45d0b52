import { useEffect } from 'preact/hooks';
import { SHORTCUTS, useShortcut } from '../../lib/shortcuts.ts';
import { navigate } from '../../router.tsx';
import { chatActions } from '../../state/actions.ts';
import { activeConversationId, inbox } from '../../state/inbox.ts';
import { useStore } from '../../state/store.ts';
import { ChatView } from './chat-view.tsx';
import { ConversationList } from './conversation-list.tsx';

/** Moves through the listed chats (waiting first, then mine) with Alt+J / Alt+K. */
function useChatNavigation(conversationId: string | null) {
  const { queue, mine } = useStore(inbox);
  const ids = [...queue, ...mine].map((entry) => entry.conversation.id);
  const step = (by: number) => {
    if (ids.length === 0) return;
    const index = conversationId ? ids.indexOf(conversationId) : -1;
    navigate(`/chats/${ids[(index + by + ids.length) % ids.length]}`);
  };
  useShortcut(SHORTCUTS.nextChat, () => step(1));
  useShortcut(SHORTCUTS.previousChat, () => step(-1));
  // With no chat open, Alt+A takes the visitor who has waited longest.
  useShortcut(
    SHORTCUTS.accept,
    () => {
      const oldest = queue[0]?.conversation.id;
      if (oldest) void chatActions.accept(oldest).then(() => navigate(`/chats/${oldest}`), () => navigate(`/chats/${oldest}`));
    },
    conversationId === null,
  );
}

/** The agent's workspace: lists on the left, the open chat (with details) on the right; one pane at a time on phones. */
export function InboxScreen({ conversationId }: { conversationId: string | null }) {
  useEffect(() => {
    activeConversationId.set(conversationId);
    return () => activeConversationId.set(null);
  }, [conversationId]);
  useChatNavigation(conversationId);

  return (
    <div class={`inbox${conversationId ? ' has-chat' : ''}`}>
      <nav class="inbox-lists" aria-label="Chats">
        <ConversationList activeId={conversationId} />
      </nav>
      <div class="inbox-main">
        {conversationId ? (
          <ChatView key={conversationId} conversationId={conversationId} />
        ) : (
          <div class="empty">
            <h2>No chat selected</h2>
            <p>Pick a chat on the left. Waiting visitors are at the top; Alt+A accepts the one waiting longest.</p>
            <p class="muted">Press Alt+/ for all keyboard shortcuts.</p>
          </div>
        )}
      </div>
    </div>
  );
}
