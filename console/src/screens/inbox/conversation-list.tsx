import type { ConversationSummary } from '../../api/types.ts';
import { contactName, since } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { useWidget } from '../../state/directory.ts';
import { inbox } from '../../state/inbox.ts';
import { useStore } from '../../state/store.ts';
import { ChannelTag } from './channel-tag.tsx';

function Row({ entry, active, unread, typing }: { entry: ConversationSummary; active: boolean; unread: number; typing: string | undefined }) {
  const { conversation, contact, lastMessage } = entry;
  const widget = useWidget(conversation.widgetId);
  const preview = typing !== undefined ? `typing: ${typing || '…'}` : lastMessage ? `${lastMessage.private ? 'Note: ' : lastMessage.senderType === 'agent' ? 'You: ' : ''}${lastMessage.body}` : 'No messages yet';
  return (
    <li>
      <Link href={`/chats/${conversation.id}`} class={`conversation-row${active ? ' active' : ''}${unread ? ' unread' : ''}`} aria-current={active ? 'true' : undefined}>
        <span class="row-top">
          <span class="row-name">{contactName(contact, widget?.channelType)}</span>
          <span class="row-time" title={conversation.createdAt}>
            {since(conversation.status === 'queued' ? conversation.createdAt : conversation.lastActivityAt)}
          </span>
        </span>
        {widget && (
          <span class="row-channel">
            <ChannelTag widget={widget} />
          </span>
        )}
        <span class="row-bottom">
          <span class={`row-preview${typing !== undefined ? ' typing' : ''}`}>{preview}</span>
          {unread > 0 && (
            <span class="badge" aria-label={`${unread} unread`}>
              {unread}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}

function Section({ title, entries, empty, activeId }: { title: string; entries: ConversationSummary[]; empty: string; activeId: string | null }) {
  const { unread, typing } = useStore(inbox);
  return (
    <section class="list-section" aria-label={title}>
      <h2>
        {title} <span class="count">{entries.length}</span>
      </h2>
      {entries.length === 0 ? (
        <p class="list-empty">{empty}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <Row entry={entry} active={entry.conversation.id === activeId} unread={unread[entry.conversation.id] ?? 0} typing={typing[entry.conversation.id]} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The left column: visitors waiting for anyone, then my running chats. */
export function ConversationList({ activeId }: { activeId: string | null }) {
  const state = useStore(inbox);
  if (!state.loaded) return <p class="list-empty" aria-busy="true">Loading chats…</p>;
  return (
    <div class="conversation-list">
      {state.error && (
        <p class="error" role="alert">
          Could not load the chats: {state.error}
        </p>
      )}
      <Section title="Waiting" entries={state.queue} empty="Nobody is waiting. New chats appear here and you will hear a chime." activeId={activeId} />
      <Section title="My chats" entries={state.mine} empty="You have no open chats. Accept one from the queue, or go online to have chats routed to you." activeId={activeId} />
    </div>
  );
}
