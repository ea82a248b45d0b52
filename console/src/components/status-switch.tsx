import { useState } from 'preact/hooks';
import type { Presence } from '../api/types.ts';
import { askNotificationPermission } from '../lib/notify.ts';
import { errorText } from '../lib/format.ts';
import { presence, setStatus } from '../state/live.ts';
import { useStore } from '../state/store.ts';

const PAUSE_REASONS = ['Break', 'Lunch', 'Meeting', 'Other work'];
const WORDS: Record<Presence, string> = { online: 'Online', pause: 'Paused', offline: 'Offline' };

/** Online / pause with a reason / offline. Going online is a gesture, so it also asks for notification permission. */
export function StatusSwitch() {
  const current = useStore(presence);
  const [choosingReason, setChoosingReason] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const change = async (status: Presence, subStatus: string | null = null) => {
    setError(null);
    if (status === 'online') askNotificationPermission();
    try {
      await setStatus(status, subStatus);
      setChoosingReason(false);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <div class="status-switch">
      <div class="segmented" role="radiogroup" aria-label="Your status">
        {(['online', 'pause', 'offline'] as const).map((status) => (
          <button
            type="button"
            role="radio"
            aria-checked={current.status === status}
            class={`status-${status}${current.status === status ? ' selected' : ''}`}
            onClick={() => (status === 'pause' ? setChoosingReason(!choosingReason) : void change(status))}
          >
            <span class="dot" aria-hidden="true" />
            {WORDS[status]}
            {status === 'pause' && current.status === 'pause' && current.subStatus ? `: ${current.subStatus}` : ''}
          </button>
        ))}
      </div>
      {choosingReason && (
        <form
          class="popover pause-reasons"
          onSubmit={(e) => {
            e.preventDefault();
            void change('pause', reason.trim() || null);
          }}
        >
          <p>Why are you pausing? New chats will not be routed to you.</p>
          <div class="chips">
            {PAUSE_REASONS.map((preset) => (
              <button type="button" class="chip" onClick={() => void change('pause', preset)}>
                {preset}
              </button>
            ))}
          </div>
          <input aria-label="Other reason" placeholder="Other reason" value={reason} maxLength={200} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="primary">Pause</button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
