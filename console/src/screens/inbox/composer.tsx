import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChannelType } from '../../api/types.ts';
import { errorText, personWord } from '../../lib/format.ts';
import { SHORTCUTS, useShortcut } from '../../lib/shortcuts.ts';
import { chatActions } from '../../state/actions.ts';
import { parseSlashCommand, SLASH_HELP, type SlashCommand } from './slash-commands.ts';

const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 4000;

interface Props {
  conversationId: string;
  /** Replies need the chat to be mine; internal notes can be added to any open chat. */
  canReply: boolean;
  /** Whom the reply goes to: a web widget's visitor or another channel's contact. */
  channelType?: ChannelType | undefined;
  draft: string;
  setDraft: (text: string) => void;
  onCommand: (command: SlashCommand) => Promise<void>;
}

/**
 * Reply box: Enter sends, Shift+Enter breaks the line, Alt+N switches to an internal note.
 * While the agent types, the visitor sees "typing" (sent at most every 2.5 s, cleared after 4 s of quiet).
 */
export function Composer({ conversationId, canReply, channelType, draft, setDraft, onCommand }: Props) {
  const [asNote, setAsNote] = useState(!canReply);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typing = useRef({ lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const isPrivate = asNote || !canReply;

  useEffect(() => setAsNote(!canReply), [conversationId, canReply]);

  const stopTyping = () => {
    clearTimeout(typing.current.idle);
    if (typing.current.lastSent) chatActions.typing(conversationId, false);
    typing.current.lastSent = 0;
  };
  useEffect(() => stopTyping, [conversationId]);

  const onInput = (text: string) => {
    setDraft(text);
    setError(null);
    if (isPrivate || text.startsWith('/')) return; // notes and commands are not the visitor's business
    const now = Date.now();
    if (now - typing.current.lastSent > TYPING_REPEAT_MS) {
      chatActions.typing(conversationId, true);
      typing.current.lastSent = now;
    }
    clearTimeout(typing.current.idle);
    typing.current.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  /** Lines on their way; the next may be written and sent meanwhile (the server keeps their order). */
  const inFlight = useRef(0);

  const submit = async () => {
    const text = draft.trim();
    if (!text) return;
    // Cleared at once, not when the server answers: an Enter pressed while the previous line was
    // still on its way used to be ignored, losing the agent's action without a word.
    setDraft('');
    setError(null);
    inFlight.current += 1;
    setSending(true);
    try {
      const command = parseSlashCommand(text);
      if (command) await onCommand(command);
      else {
        stopTyping();
        await chatActions.send(conversationId, text, isPrivate);
      }
    } catch (failure) {
      setDraft(text);
      setError(errorText(failure));
    } finally {
      inFlight.current -= 1;
      if (inFlight.current === 0) setSending(false);
      textarea.current?.focus();
    }
  };

  useShortcut(SHORTCUTS.note, () => canReply && setAsNote((note) => !note));
  useShortcut(SHORTCUTS.composer, () => textarea.current?.focus());

  const placeholder = !canReply
    ? 'Accept this chat to reply. You can still add internal notes.'
    : isPrivate
      ? 'Internal note: only agents see this'
      : `Reply to the ${personWord(channelType)}… (type / for commands)`;
  return (
    <form
      class={`composer${isPrivate ? ' note-mode' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="composer-modes" role="radiogroup" aria-label="Message type">
        <button type="button" role="radio" aria-checked={!isPrivate} class={!isPrivate ? 'selected' : ''} disabled={!canReply} onClick={() => setAsNote(false)}>
          Reply
        </button>
        <button type="button" role="radio" aria-checked={isPrivate} class={isPrivate ? 'selected' : ''} onClick={() => setAsNote(true)}>
          Internal note
        </button>
        <span class="composer-hint" aria-live="polite">
          {error ? <span class="error">{error}</span> : draft.startsWith('/') ? SLASH_HELP : ''}
        </span>
      </div>
      <div class="composer-row">
        <textarea
          ref={textarea}
          aria-label={isPrivate ? 'Internal note' : 'Reply'}
          rows={2}
          value={draft}
          placeholder={placeholder}
          maxLength={10_000}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={stopTyping}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <button type="submit" class="primary" aria-busy={sending} disabled={!draft.trim()}>
          {isPrivate ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
