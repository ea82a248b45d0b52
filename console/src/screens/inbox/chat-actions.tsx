import { useState } from 'preact/hooks';
import type { Conversation } from '../../api/types.ts';
import { emitLocalHubEvent } from '../../hub/local-events.ts';
import { errorText } from '../../lib/format.ts';
import { SHORTCUTS, useShortcut } from '../../lib/shortcuts.ts';
import { chatActions } from '../../state/actions.ts';
import { BanDialog } from './ban-dialog.tsx';
import { LabelDialog } from './label-dialog.tsx';
import { TransferDialog } from './transfer-dialog.tsx';

type Open = 'transfer' | 'label' | 'ban' | null;

/** The chat header's buttons; each also has an Alt shortcut (Alt+/ lists them). */
export function ChatActions({ conversation, mine }: { conversation: Conversation; mine: boolean }) {
  const [dialog, setDialog] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const id = conversation.id;
  const open = conversation.status !== 'closed';

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const accept = () => run(() => chatActions.accept(id));
  const end = () => {
    if (confirm('End this chat? The visitor will see that it has ended.')) void run(() => chatActions.close(id));
  };

  useShortcut(SHORTCUTS.accept, () => void accept(), open && !mine);
  useShortcut(SHORTCUTS.transfer, () => setDialog('transfer'), open);
  useShortcut(SHORTCUTS.label, () => setDialog('label'));
  useShortcut(SHORTCUTS.end, end, open);

  return (
    <div class="chat-actions">
      {open && !mine && (
        <button type="button" class="primary" onClick={() => void accept()} title="Alt+A">
          Accept
        </button>
      )}
      {open && (
        <button type="button" class="secondary" onClick={() => setDialog('transfer')} title="Alt+T">
          Transfer
        </button>
      )}
      <button type="button" class="secondary" onClick={() => setDialog('label')} title="Alt+L">
        Labels
      </button>
      <button type="button" class="secondary" onClick={() => setDialog('ban')}>
        Ban
      </button>
      {open && (
        <button type="button" class="danger" onClick={end} title="Alt+E">
          End chat
        </button>
      )}
      {error && (
        <p class="error action-error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'transfer' && <TransferDialog conversation={conversation} onClose={() => setDialog(null)} />}
      {dialog === 'label' && <LabelDialog conversation={conversation} onClose={() => setDialog(null)} />}
      {dialog === 'ban' && (
        <BanDialog
          conversation={conversation}
          onClose={() => setDialog(null)}
          onBanned={(kind) => emitLocalHubEvent({ conversationId: id, type: 'ban_user', data: { type: kind === 'ip' ? 'IP' : 'cookie' } })}
        />
      )}
    </div>
  );
}
