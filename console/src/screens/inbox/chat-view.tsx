import { useEffect, useState } from 'preact/hooks';
import type { ChannelType, ConversationDetail, Message } from '../../api/types.ts';
import { VirtualList } from '../../components/virtual-list.tsx';
import { emitLocalHubEvent } from '../../hub/local-events.ts';
import { closedByWords, contactName, statusWords } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { chatActions } from '../../state/actions.ts';
import { useConversation } from '../../state/conversation.ts';
import { inbox } from '../../state/inbox.ts';
import { teamDirectory, useLookup, useWidget } from '../../state/directory.ts';
import { currentUser } from '../../state/session.ts';
import { useStore } from '../../state/store.ts';
import { ChannelTag } from './channel-tag.tsx';
import { ChatActions } from './chat-actions.tsx';
import { Composer } from './composer.tsx';
import { MessageRow } from './message-row.tsx';
import type { SlashCommand } from './slash-commands.ts';
import { SidePanel } from './side-panel.tsx';

/** Unsent text per conversation, so switching chats does not lose a half-written answer. */
const drafts = new Map<string, string>();

const capturedEvent = { name: 'name_captured', email: 'email_captured', phone: 'phone_captured' } as const;

/** Tells the visitor's side we read up to the newest message, once per new visitor message. */
function useReadReceipts(conversationId: string, messages: Message[], mine: boolean) {
  const newestVisitorSeq = messages.reduce((seq, m) => (m.senderType === 'visitor' ? Math.max(seq, m.seq) : seq), 0);
  useEffect(() => {
    if (mine && newestVisitorSeq > 0 && !document.hidden) chatActions.read(conversationId, newestVisitorSeq).catch(() => {});
  }, [conversationId, newestVisitorSeq, mine]);
}

/** Who is typing in this chat: the visitor (with the sneak peek), else colleagues, so two people do not answer at once. */
function TypingPeek({ conversationId, detail, colleagueIds, channelType }: { conversationId: string; detail: ConversationDetail | null; colleagueIds: string[]; channelType: ChannelType | undefined }) {
  const preview = useStore(inbox).typing[conversationId];
  const team = useLookup(teamDirectory);
  const colleagues = colleagueIds.map((id) => team?.find((mate) => mate.id === id)).map((mate) => mate?.alias ?? mate?.name ?? 'A colleague');
  // Always rendered at the same height: the line appearing must not push the transcript.
  return (
    <div class="typing-peek" aria-live="polite">
      {preview !== undefined ? (
        <>
          <span class="typing-dots" aria-hidden="true" />
          <span class="muted">{contactName(detail?.contact, channelType)} is typing</span>
          {preview && <span class="typing-preview">: {preview}</span>}
        </>
      ) : (
        colleagues.length > 0 && (
          <>
            <span class="typing-dots" aria-hidden="true" />
            <span class="muted">{colleagues.join(', ')} (colleague) is typing</span>
          </>
        )
      )}
    </div>
  );
}

/** One chat: header with actions, transcript, sneak peek, composer; visitor details and Hub SDK pages beside it. */
export function ChatView({ conversationId, readOnly = false }: { conversationId: string; readOnly?: boolean }) {
  const { view, loadOlder, patchDetail } = useConversation(conversationId);
  const [draft, setDraftState] = useState(drafts.get(conversationId) ?? '');
  const [detailsOpen, setDetailsOpen] = useState(false);
  const me = currentUser();
  const detail = view.detail;
  const conversation = detail?.conversation;
  const mine = conversation?.assignee?.type === 'user' && conversation.assignee.id === me.id;
  const open = conversation !== undefined && conversation.status !== 'closed';
  const widget = useWidget(conversation?.widgetId);
  const channelType = widget?.channelType;

  useEffect(() => setDraftState(drafts.get(conversationId) ?? ''), [conversationId]);
  const setDraft = (text: string) => {
    drafts.set(conversationId, text);
    setDraftState(text);
  };
  useReadReceipts(conversationId, view.messages, mine && !readOnly);

  const runCommand = async ({ field, value }: SlashCommand) => {
    if (!detail) return;
    const contact = await chatActions.updateContact(detail.conversation.contactId, { [field]: value || null });
    patchDetail((d) => ({ ...d, contact }));
    emitLocalHubEvent({ conversationId, type: capturedEvent[field], data: field === 'email' ? { email: value, phone: value } : { [field]: value } });
  };

  if (view.error && !detail) {
    return (
      <div class="empty">
        <h2>This chat could not be opened</h2>
        <p>{view.error}</p>
        <Link href="/">Back to the inbox</Link>
      </div>
    );
  }

  return (
    <div class={`chat-layout${detailsOpen ? ' details-open' : ''}`}>
      <section class="chat" aria-label="Chat">
        <header class="chat-header">
          <Link href={readOnly ? '/history' : '/'} class="back-link" aria-label="Back to the list">
            ←
          </Link>
          <div class="chat-title">
            <h1>{contactName(detail?.contact, channelType)}</h1>
            <span class="muted">
              {conversation ? `#${conversation.number} · ${statusWords[conversation.status]}` : 'Loading…'}
              {widget && (
                <>
                  <span aria-hidden="true">·</span>
                  <ChannelTag widget={widget} />
                </>
              )}
              {conversation?.labels.map((label) => (
                <span class="label-chip">
                  {label.name}
                  {label.value && `: ${label.value}`}
                </span>
              ))}
            </span>
          </div>
          {conversation && !readOnly && <ChatActions conversation={conversation} mine={mine} />}
          <button type="button" class="secondary details-toggle" aria-expanded={detailsOpen} onClick={() => setDetailsOpen(!detailsOpen)}>
            Details
          </button>
        </header>
        {view.error && <p class="error banner" role="alert">{view.error}</p>}
        <VirtualList
          label="Transcript"
          items={view.messages}
          keyOf={(m) => m.id}
          estimate={64}
          onNearTop={view.hasMore ? () => void loadOlder() : undefined}
          header={view.hasMore ? <p class="muted center">{view.loadingOlder ? 'Loading older messages…' : 'Scroll up for older messages'}</p> : undefined}
          render={(message, index) => <MessageRow message={message} previous={view.messages[index - 1]} channelType={channelType} />}
        />
        {detail && view.messages.length === 0 && <p class="transcript-empty muted">No messages in this chat yet.</p>}
        {!readOnly && open && (
          <>
            <TypingPeek conversationId={conversationId} detail={detail} colleagueIds={view.agentsTyping} channelType={channelType} />
            <Composer
              conversationId={conversationId}
              canReply={mine}
              channelType={channelType}
              draft={draft}
              setDraft={setDraft}
              onCommand={runCommand}
            />
          </>
        )}
        {!readOnly && conversation && !open && (
          <p class="chat-ended" role="status">
            This chat has ended: {closedByWords[conversation.closedBy ?? ''] ?? 'closed'}.
          </p>
        )}
      </section>
      {detail && <SidePanel detail={detail} widget={widget} onPopulate={setDraft} readOnly={readOnly} onClose={() => setDetailsOpen(false)} />}
    </div>
  );
}
