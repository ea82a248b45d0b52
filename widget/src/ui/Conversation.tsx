import type { WireMessage } from '../chat/protocol.ts';
import { isChatLive, type Line, type WidgetState } from '../chat/state.ts';
import type { Translate } from '../i18n/index.ts';
import { Avatar } from './Avatar.tsx';
import { useWidget } from './context.ts';
import { AttachmentView, Buttons, Cards } from './MessageParts.tsx';

/** System messages the widget words in the visitor's language; others show the server's text. */
function systemText(message: WireMessage, t: Translate): string {
  const event = message.content?.event;
  if (event?.name === 'wait_time') return t('waitNotice');
  if (event?.name === 'transcript_requested' && typeof event.data?.email === 'string') return t('transcriptRequested', { email: event.data.email });
  return message.body;
}

function Message({ message, state, first, showButtons }: { message: WireMessage; state: WidgetState; first: boolean; showButtons: boolean }) {
  const { t } = useWidget();
  const mine = message.senderType === 'visitor';
  const name = message.senderName ?? '';
  const agent = state.config?.agents.find((candidate) => candidate.id === message.senderId) ?? (message.id === 'invitation' ? state.invitation?.agent : undefined);
  const { content } = message;
  const text = message.kind === 'attachment' ? '' : message.body;
  return (
    <div class={mine ? 'row me' : 'row them'}>
      {!mine && (first ? <Avatar agent={agent} name={name} small /> : <span class="spacer" />)}
      <div class="stack">
        {!mine && first && name && <span class="sender">{name}</span>}
        {mine && <span class="sr-only">{t('you')}:</span>}
        {(text || content?.attachment) && (
          <div class={content?.attachment ? 'msg media' : 'msg'}>
            {text}
            {content?.attachment && <AttachmentView attachment={content.attachment} />}
          </div>
        )}
        {content?.cards && <Cards cards={content.cards} />}
        {showButtons && content?.buttons && <Buttons message={message} />}
        {mine && message.seq > 0 && message.seq <= state.readUpToSeq && <span class="seen">✓✓</span>}
      </div>
    </div>
  );
}

/** The conversation so far, as a live region: screen readers announce each new line. */
export function Conversation({ state, lines }: { state: WidgetState; lines: Line[] }) {
  const { t } = useWidget();
  const lastMessageId = [...lines].reverse().find((line) => line.type === 'message')?.id;

  return (
    <div role="log" aria-live="polite" aria-relevant="additions" aria-label={t('title')} class="body-log">
      {lines.map((line, i) => {
        if (line.type === 'notice') return <p class="notice" key={line.id}>{t(line.key, line.values)}</p>;
        const { message } = line;
        if (message.senderType === 'system') return <p class="notice" key={line.id}>{systemText(message, t)}</p>;
        const previous = lines[i - 1];
        const first = previous?.type !== 'message' || previous.message.senderType !== message.senderType || previous.message.senderName !== message.senderName;
        return <Message key={line.id} message={message} state={state} first={first} showButtons={line.id === lastMessageId && isChatLive(state)} />;
      })}
      {state.agentTyping && (
        <div class="row them">
          <span class="spacer" />
          <div class="msg typing" aria-label={t('typing', { name: state.agent?.alias ?? '' })}>
            <i />
            <i />
            <i />
          </div>
        </div>
      )}
    </div>
  );
}
