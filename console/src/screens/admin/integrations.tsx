import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Webhook, WebhookFormat, Widget } from '../../api/types.ts';
import { FormActions } from '../../components/form-actions.tsx';
import { NO_TOKEN_TYPED, tokenChange, WriteOnlyTokenField } from '../../components/write-only-token.tsx';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { BotsSection } from './bots.tsx';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

interface Setup {
  webhooks: Webhook[];
  formats: WebhookFormat[];
  widgets: Widget[];
}

/** Outbound webhooks (docs/webhooks.md) and bots: where the organization's events and chats are sent. */
export function IntegrationsScreen() {
  const { resource, reload } = useResource<Setup>(() =>
    Promise.all([
      api.get<{ webhooks: Webhook[] }>('/webhooks'),
      api.get<{ formats: WebhookFormat[] }>('/webhook-formats'),
      api.get<{ widgets: Widget[] }>('/widgets'),
    ]).then(([w, f, g]) => ({ webhooks: w.webhooks, formats: f.formats, widgets: g.widgets })),
  );
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** After a create or a rotation the new signing secret is shown, once. */
  const showSecret = (signingSecret: string) => {
    setSecret(signingSecret);
    setCopied(false);
  };

  const saved = (signingSecret?: string) => {
    if (signingSecret) showSecret(signingSecret);
    setEditingId(null);
    reload();
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setCopied(true);
    } catch {
      setError('The browser did not allow copying; select the secret and copy it by hand.');
    }
  };

  const remove = async (webhook: Webhook) => {
    if (!confirm(`Delete the webhook to ${webhook.url}? Its delivery log goes with it.`)) return;
    try {
      await api.delete(`/webhooks/${webhook.id}`);
      if (openId === webhook.id) setOpenId(null);
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const rotate = async (webhook: Webhook) => {
    if (!confirm(`Replace the signing secret of the webhook to ${webhook.url}? Deliveries are signed with the new one at once.`)) return;
    try {
      const answer = await api.patch<{ signingSecret: string }>(`/webhooks/${webhook.id}`, { rotateSecret: true });
      setError(null);
      showSecret(answer.signingSecret);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const toggle = async (webhook: Webhook) => {
    try {
      await api.patch(`/webhooks/${webhook.id}`, { active: !webhook.active });
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const widgetName = (setup: Setup, id: string | null) => (id === null ? 'All widgets' : (setup.widgets.find((w) => w.id === id)?.name ?? 'A deleted widget'));
  const open = resource.status === 'ready' ? resource.value.webhooks.find((w) => w.id === openId) : undefined;
  const editing = resource.status === 'ready' ? resource.value.webhooks.find((w) => w.id === editingId) : undefined;

  return (
    <div class="admin-page">
      <h1>Integrations</h1>
      <section class="panel" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhooks</h2>
        <p class="muted small">
          Each webhook POSTs the chosen events to your endpoint, signed with its secret (header X-Switchboard-Signature) and retried until it answers 2xx.
        </p>
        {secret && (
          <div class="card secret" role="status">
            <h3>Copy the signing secret now</h3>
            <p>It is shown only this once. Your endpoint uses it to check that a delivery came from Switchboard.</p>
            <input readOnly value={secret} aria-label="Signing secret" onFocus={(e) => e.currentTarget.select()} class="code" />
            <div class="row-actions">
              <button type="button" class="primary" onClick={() => void copy()}>
                {copied ? 'Copied' : 'Copy'}
              </button>
              <button type="button" class="secondary" onClick={() => setSecret(null)}>
                I have copied it
              </button>
            </div>
          </div>
        )}
        <p class="error" role="alert">
          {error}
        </p>
        {resource.status === 'loading' && <p aria-busy="true">Loading webhooks…</p>}
        {resource.status === 'error' && <p class="error">Could not load the webhooks: {resource.message}</p>}
        {resource.status === 'ready' &&
          (resource.value.webhooks.length === 0 ? (
            <p class="empty-inline">No webhooks yet. Add one below to send events to another system.</p>
          ) : (
            <table class="table stack-table">
              <thead>
                <tr>
                  <th>Target URL</th>
                  <th>Format</th>
                  <th>Scope</th>
                  <th>Events</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {resource.value.webhooks.map((webhook) => (
                  <tr class={webhook.active ? '' : 'disabled-row'} aria-current={webhook.id === openId ? 'true' : undefined}>
                    <td data-label="Target URL" class="url-text">
                      {webhook.url}
                      {webhook.hasAuthToken && <span class="muted small"> (with token)</span>}
                    </td>
                    <td data-label="Format">
                      <code>{webhook.format}</code>
                    </td>
                    <td data-label="Scope">{widgetName(resource.value, webhook.widgetId)}</td>
                    <td data-label="Events" class="wrap-cell">{webhook.events.length === 0 ? 'All events' : webhook.events.join(', ')}</td>
                    <td data-label="Status">{webhook.active ? 'Active' : 'Paused'}</td>
                    <td>
                      <div class="row-actions">
                        <button type="button" class="link-button" onClick={() => setOpenId(openId === webhook.id ? null : webhook.id)}>
                          Deliveries
                        </button>
                        <button type="button" class="link-button" onClick={() => setEditingId(webhook.id)}>
                          Edit
                        </button>
                        <button type="button" class="link-button" onClick={() => void rotate(webhook)}>
                          New secret
                        </button>
                        <button type="button" class="link-button" onClick={() => void toggle(webhook)}>
                          {webhook.active ? 'Pause' : 'Resume'}
                        </button>
                        <button type="button" class="link-button" onClick={() => void remove(webhook)}>
                          Delete
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        {open && <WebhookDeliveries webhook={open} onClose={() => setOpenId(null)} />}
        {resource.status === 'ready' && (
          <WebhookForm
            key={editing?.id ?? 'new'}
            formats={resource.value.formats}
            widgets={resource.value.widgets}
            editing={editing}
            onSaved={saved}
            onCancel={() => setEditingId(null)}
          />
        )}
      </section>
      <BotsSection />
    </div>
  );
}

interface WebhookFormProps {
  formats: WebhookFormat[];
  widgets: Widget[];
  /** The webhook being edited; without it the form adds one. */
  editing: Webhook | undefined;
  /** Called with the signing secret when a webhook was added (it is shown once). */
  onSaved: (signingSecret?: string) => void;
  onCancel: () => void;
}

/**
 * Adds a webhook, or edits one: URL, events and token. Format and scope are fixed once made
 * (another format is another subscription), and a token cannot be read back, only replaced
 * or removed.
 */
function WebhookForm({ formats, widgets, editing, onSaved, onCancel }: WebhookFormProps) {
  const [url, setUrl] = useState(editing?.url ?? '');
  const [formatId, setFormatId] = useState(editing?.format ?? formats[0]?.id ?? 'native');
  const [widgetId, setWidgetId] = useState(editing?.widgetId ?? '');
  const [events, setEvents] = useState<string[]>(editing?.events ?? []);
  const [token, setToken] = useState(NO_TOKEN_TYPED);
  const [error, setError] = useState<string | null>(null);
  const format = formats.find((f) => f.id === formatId);

  const chooseFormat = (id: string) => {
    setFormatId(id);
    setEvents([]);
    const next = formats.find((f) => f.id === id);
    if (next?.scope === 'organization') setWidgetId('');
    if (next?.scope === 'widget' && !widgetId && widgets[0]) setWidgetId(widgets[0].id);
  };


  const submit = async (event: Event) => {
    event.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) return setError('Enter the full address of your endpoint, starting with http:// or https://.');
    if (format?.scope === 'widget' && !widgetId) return setError('This format is set up per widget: choose a widget.');
    try {
      if (editing) {
        const authToken = tokenChange(token);
        await api.patch(`/webhooks/${editing.id}`, { url: url.trim(), events, ...(authToken !== undefined && { authToken }) });
        onSaved();
        return;
      }
      const answer = await api.post<{ signingSecret: string }>('/webhooks', { url: url.trim(), events, format: formatId, widgetId: widgetId || null, authToken: token.value || null });
      setUrl('');
      setEvents([]);
      setToken(NO_TOKEN_TYPED);
      setError(null);
      onSaved(answer.signingSecret);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <form class="card grid-form" onSubmit={submit}>
      <h3>{editing ? 'Edit webhook' : 'Add a webhook'}</h3>
      <label for="webhook-url">Target URL</label>
      <input id="webhook-url" type="url" placeholder="https://example.com/switchboard-events" value={url} maxLength={2048} onInput={(e) => setUrl(e.currentTarget.value)} />
      <label for="webhook-format">Format</label>
      <select id="webhook-format" value={formatId} disabled={Boolean(editing)} onChange={(e) => chooseFormat(e.currentTarget.value)}>
        {formats.map((f) => (
          <option value={f.id}>{f.id}</option>
        ))}
      </select>
      {format && <p class="muted small">{format.description}</p>}
      <label for="webhook-widget">Scope</label>
      <select id="webhook-widget" value={widgetId} disabled={Boolean(editing) || format?.scope === 'organization'} onChange={(e) => setWidgetId(e.currentTarget.value)}>
        {format?.scope !== 'widget' && <option value="">All widgets</option>}
        {format?.scope !== 'organization' && widgets.map((w) => <option value={w.id}>{w.name}</option>)}
      </select>
      {format && (
        <fieldset class="chips event-chips">
          <legend>Events (none chosen = every event)</legend>
          {format.events.map((type) => (
            <label class="chip">
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => setEvents(e.currentTarget.checked ? [...events, type] : events.filter((t) => t !== type))} />
              {type}
            </label>
          ))}
        </fieldset>
      )}
      <WriteOnlyTokenField
        id="webhook-token"
        label="Authorization token (optional)"
        replaceLabel="New authorization token (empty keeps the current one)"
        hasToken={Boolean(editing?.hasAuthToken)}
        draft={token}
        onChange={setToken}
      />
      <p class="muted small">Sent as-is in the Authorization header of every delivery. It cannot be read back.</p>
      <FormActions error={error} submitLabel={editing ? 'Save webhook' : 'Add webhook'} onCancel={editing ? onCancel : undefined} />
    </form>
  );
}
