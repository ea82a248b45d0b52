import { useState } from 'preact/hooks';
import type { Conversation } from '../../api/types.ts';
import { Dialog } from '../../components/dialog.tsx';
import { errorText } from '../../lib/format.ts';
import { chatActions } from '../../state/actions.ts';

/** Labels are a name with a value ("Topic: billing"); a name may carry several values. */
export function LabelDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(errorText(failure));
      return false;
    }
  };

  const add = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the label a name, e.g. "Topic".');
    if (await run(() => chatActions.label(conversation.id, name.trim(), value.trim()))) {
      setName('');
      setValue('');
    }
  };

  return (
    <Dialog title="Labels" onClose={onClose}>
      {conversation.labels.length === 0 ? (
        <p class="muted">No labels yet.</p>
      ) : (
        <ul class="label-list">
          {conversation.labels.map((label) => (
            <li>
              <span class="label-chip">
                {label.name}
                {label.value && `: ${label.value}`}
              </span>
              <button type="button" class="link-button" onClick={() => void run(() => chatActions.unlabel(conversation.id, label.name, label.value))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add}>
        <input aria-label="Label name" placeholder="Name, e.g. Topic" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} autoFocus />
        <input aria-label="Label value" placeholder="Value, e.g. billing" value={value} maxLength={500} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Add label
        </button>
      </form>
      <p class="error" role="alert">{error}</p>
    </Dialog>
  );
}
