import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isChatLive, localAgentLine, screenOf, soundsOn, type WidgetState } from '../chat/state.ts';
import { Avatar } from './Avatar.tsx';
import { ChatForm } from './ChatForm.tsx';
import { Composer } from './Composer.tsx';
import { useWidget } from './context.ts';
import { Conversation } from './Conversation.tsx';
import { Icon } from './icons.tsx';
import { PostChat } from './PostChat.tsx';

function Header({ state, onEnd }: { state: WidgetState; onEnd: () => void }) {
  const { controller, t } = useWidget();
  const config = state.config!;
  const person = state.agent ?? state.invitation?.agent;
  const title = person?.alias ?? (config.settings.title || (state.online ? t('title') : t('offlineTitle')));
  const sounds = soundsOn(state);
  return (
    <header class="header">
      <Avatar agent={person} name={person?.alias ?? config.name} />
      <div class="titles">
        <h1 id="panel-title">{title}</h1>
        <span class="status">
          <span class={state.online ? 'dot' : 'dot off'} aria-hidden="true" />
          {state.online ? t('statusOnline') : t('statusOffline')}
        </span>
      </div>
      <button type="button" class="icon-btn" aria-pressed={sounds} aria-label={sounds ? t('soundsOff') : t('soundsOn')} onClick={() => controller.store.set({ sounds: !sounds })}>
        <Icon name={sounds ? 'bell' : 'bellOff'} />
      </button>
      <button type="button" class="icon-btn" aria-label={t('minimize')} onClick={() => controller.minimize()}>
        <Icon name="down" />
      </button>
      {isChatLive(state) ? (
        <button type="button" class="icon-btn" aria-label={t('endChat')} onClick={onEnd}>
          <Icon name="close" />
        </button>
      ) : (
        <button type="button" class="icon-btn" aria-label={t('close')} onClick={() => controller.closeBox()}>
          <Icon name="close" />
        </button>
      )}
    </header>
  );
}

function EndConfirmation({ onClose }: { onClose: () => void }) {
  const { controller, t } = useWidget();
  return (
    <div class="confirm" role="alertdialog" aria-modal="true" aria-labelledby="end-title">
      <div>
        <p id="end-title">{t('endChatConfirm')}</p>
        <button
          type="button"
          class="primary"
          onClick={() => {
            onClose();
            void controller.endChat();
          }}
        >
          {t('endChat')}
        </button>
        <button type="button" class="secondary" autoFocus onClick={onClose}>
          {t('keepChatting')}
        </button>
      </div>
    </div>
  );
}

/** The open chat box: header, the screen of the moment, the composer while a chat can be written to. */
export function Panel({ state }: { state: WidgetState }) {
  const { t } = useWidget();
  const [confirming, setConfirming] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const screen = screenOf(state);
  // New lines, the typing dots and each post-chat step appear at the bottom: keep them in view.
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = body.current.scrollHeight;
  }, [state.lines.length, state.agentTyping, state.postChat, state.transcriptSentTo]);
  const writable = screen === 'invitation' || (screen === 'chat' && (state.conversationId === undefined || isChatLive(state)));
  const lines = screen === 'invitation' && state.invitation ? [localAgentLine('invitation', state.invitation.agent, state.invitation.message)] : state.lines;

  return (
    <section class="panel" role="dialog" aria-labelledby="panel-title">
      <Header state={state} onEnd={() => setConfirming(true)} />
      {state.connection === 'reconnecting' && (
        <div class="banner" role="status">
          {t('reconnecting')}
        </div>
      )}
      <div class="body" ref={body}>
        {screen === 'prechat' && <ChatForm kind="prechat" state={state} />}
        {screen === 'offline' && <ChatForm kind="offline" state={state} />}
        {screen === 'offline-sent' && (
          <div class="post sent" role="status">
            <Icon name="check" />
            <p>{t('offlineSent', { email: state.offlineSentTo ?? '' })}</p>
          </div>
        )}
        {(screen === 'chat' || screen === 'invitation') && <Conversation state={state} lines={lines} />}
        {screen === 'chat' && <PostChat state={state} />}
      </div>
      {state.error && (
        <div class="alert" role="alert">
          {t(state.error)}
        </div>
      )}
      {writable && <Composer state={state} />}
      {confirming && <EndConfirmation onClose={() => setConfirming(false)} />}
    </section>
  );
}
