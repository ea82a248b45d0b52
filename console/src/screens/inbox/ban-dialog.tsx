import { useState } from 'preact/hooks';
import type { Conversation } from '../../api/types.ts';
import { Dialog } from '../../components/dialog.tsx';
import { errorText } from '../../lib/format.ts';
import { chatActions } from '../../state/actions.ts';

/** Ban by the visitor's cookie identity or by their IP address; either also ends the chat. */
export function BanDialog({ conversation, onClose, onBanned }: { conversation: Conversation; onClose: () => void; onBanned: (kind: 'visitor' | 'ip') => void }) {
  const [kind, setKind] = useState<'visitor' | 'ip'>('visitor');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ip = conversation.visitorContext.ip;

  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await chatActions.ban(conversation.id, kind, reason.trim() || undefined);
      onBanned(kind);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <Dialog title="Ban this visitor" onClose={onClose}>
      <form onSubmit={submit} class="stack">
        <p>Banned visitors cannot start new chats. This chat ends now.</p>
        <label class="choice">
          <input type="radio" name="ban-kind" checked={kind === 'visitor'} onChange={() => setKind('visitor')} />
          This visitor (their browser cookie)
        </label>
        <label class="choice">
          <input type="radio" name="ban-kind" checked={kind === 'ip'} disabled={!ip} onChange={() => setKind('ip')} />
          Their IP address {ip ? `(${ip})` : '(unknown for this chat)'}: everyone behind it
        </label>
        <label for="ban-reason">Reason (for your colleagues)</label>
        <input id="ban-reason" value={reason} maxLength={1000} onInput={(e) => setReason(e.currentTarget.value)} />
        <p class="error" role="alert">{error}</p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="danger">
            Ban and end chat
          </button>
        </div>
      </form>
    </Dialog>
  );
}
