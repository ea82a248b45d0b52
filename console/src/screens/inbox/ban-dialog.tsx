import { useState } from 'preact/hooks';
import type { Conversation } from '../../api/types.ts';
import { Dialog } from '../../components/dialog.tsx';
import { errorText, isWebChannel } from '../../lib/format.ts';
import { chatActions } from '../../state/actions.ts';
import { useWidget } from '../../state/directory.ts';

/**
 * Ban by the visitor's cookie identity or by their IP address; either also ends the chat. A
 * backend's contact (an API inbox) has no cookie or address of its own: it is blocked as a contact.
 */
export function BanDialog({ conversation, onClose, onBanned }: { conversation: Conversation; onClose: () => void; onBanned: (kind: 'visitor' | 'ip') => void }) {
  const [kind, setKind] = useState<'visitor' | 'ip'>('visitor');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ip = conversation.visitorContext.ip;
  const web = isWebChannel(useWidget(conversation.widgetId)?.channelType);

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
    <Dialog title={web ? 'Ban this visitor' : 'Block this contact'} onClose={onClose}>
      <form onSubmit={submit} class="stack">
        <p>{web ? 'Banned visitors cannot start new chats.' : 'No new conversation can be started for a blocked contact.'} This chat ends now.</p>
        <label class="choice">
          <input type="radio" name="ban-kind" checked={kind === 'visitor'} onChange={() => setKind('visitor')} />
          {web ? 'This visitor (their browser cookie)' : 'This contact'}
        </label>
        {web && (
          <label class="choice">
            <input type="radio" name="ban-kind" checked={kind === 'ip'} disabled={!ip} onChange={() => setKind('ip')} />
            Their IP address {ip ? `(${ip})` : '(unknown for this chat)'}: everyone behind it
          </label>
        )}
        <label for="ban-reason">Reason (for your colleagues)</label>
        <input id="ban-reason" value={reason} maxLength={1000} onInput={(e) => setReason(e.currentTarget.value)} />
        <p class="error" role="alert">{error}</p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="danger">
            {web ? 'Ban and end chat' : 'Block and end chat'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
