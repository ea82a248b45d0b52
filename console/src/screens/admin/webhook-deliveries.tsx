import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Webhook, WebhookDelivery } from '../../api/types.ts';
import { errorText, when } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

const STATE_WORDS: Record<WebhookDelivery['state'], string> = {
  pending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  emailed: 'Failed, e-mailed',
};

/** While the list is open it refreshes itself, so new deliveries and retries show up without a click. */
const REFRESH_MS = 3000;

/** The delivery log of one webhook, newest first; a settled delivery can be sent again (same id and bytes). */
export function WebhookDeliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const { resource, reload } = useResource(
    () => api.get<{ deliveries: WebhookDelivery[] }>(`/webhooks/${webhook.id}/deliveries`, { limit: 50 }).then((r) => r.deliveries),
    [webhook.id],
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [webhook.id]);

  const replay = async (delivery: WebhookDelivery) => {
    setError(null);
    setNotice(null);
    try {
      await api.post(`/webhook-deliveries/${delivery.id}/replay`);
      setNotice(`Sending ${delivery.event} again.`);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section class="card panel" aria-label="Deliveries">
      <div class="section-head">
        <h2>
          Deliveries to <span class="url-text">{webhook.url}</span>
        </h2>
        <div class="row-actions">
          <button type="button" class="secondary" onClick={reload}>
            Refresh
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      {notice && (
        <p class="success" role="status">
          {notice}
        </p>
      )}
      {resource.status === 'loading' && <p aria-busy="true">Loading deliveries…</p>}
      {resource.status === 'error' && <p class="error">Could not load the deliveries: {resource.message}</p>}
      {resource.status === 'ready' &&
        (resource.value.length === 0 ? (
          <p class="empty-inline">Nothing sent yet. Deliveries appear here as soon as a matching event happens.</p>
        ) : (
          <table class="table stack-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Last error</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {resource.value.map((delivery) => (
                <tr>
                  <td data-label="Time">{when(delivery.createdAt)}</td>
                  <td data-label="Event">
                    <code>{delivery.event}</code>
                  </td>
                  <td data-label="Status">
                    <span class={`badge delivery-${delivery.state}`}>{STATE_WORDS[delivery.state]}</span>
                  </td>
                  <td data-label="Attempts">{delivery.attempts}</td>
                  <td data-label="Last error" class="wrap-cell">{delivery.lastError ?? '—'}</td>
                  <td>
                    <button
                      type="button"
                      class="link-button"
                      disabled={delivery.state === 'pending'}
                      title={delivery.state === 'pending' ? 'Still being sent; a replay is possible once it has settled' : 'Send the same delivery again'}
                      onClick={() => void replay(delivery)}
                    >
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
