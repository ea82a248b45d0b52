import { useRef, useState } from 'preact/hooks';
import type { WidgetState } from '../chat/state.ts';
import { useWidget } from './context.ts';
import { Icon } from './icons.tsx';

/** The message field: Enter sends, Shift+Enter breaks the line; files go through the paperclip. */
export function Composer({ state }: { state: WidgetState }) {
  const { controller, invitations, t } = useWidget();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const canAttach = state.config?.settings.fileUpload === true && state.conversationId !== undefined;

  // The box empties as the message leaves, not when the server confirms it: what the visitor types
  // meanwhile is the next message and must not be wiped. A message that failed comes back to an empty box.
  const submit = async () => {
    const message = text;
    if (!message.trim() || sending) return;
    setSending(true);
    setText('');
    const sent = await controller.sendMessage(message);
    setSending(false);
    if (!sent) setText((typed) => typed || message);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {canAttach && (
        <>
          <input
            ref={fileInput}
            type="file"
            class="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              if (file) void controller.upload(file);
              input.value = '';
            }}
          />
          <button type="button" class="icon-btn attach" aria-label={t('attachFile')} onClick={() => fileInput.current?.click()}>
            <Icon name="clip" />
          </button>
        </>
      )}
      <textarea
        rows={1}
        value={text}
        placeholder={t('composerPlaceholder')}
        aria-label={t('composerLabel')}
        maxLength={10000}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          invitations.answering();
          controller.typing(value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
      />
      <button type="submit" class="icon-btn send" aria-label={t('send')} disabled={sending}>
        <Icon name="send" />
      </button>
    </form>
  );
}
