import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Bot } from '../../api/types.ts';
import { FormActions } from '../../components/form-actions.tsx';
import { NO_TOKEN_TYPED, tokenChange, WriteOnlyTokenField } from '../../components/write-only-token.tsx';
import { errorText, when } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

/** Bots answer chats through their endpoint (SnapEngage Bot API); add one to a widget as a member to route chats to it first. */
export function BotsSection() {
  const { resource, reload } = useResource(() => api.get<{ bots: Bot[] }>('/bots').then((r) => r.bots));
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editing = resource.status === 'ready' ? resource.value.find((bot) => bot.id === editingId) : undefined;

  const setPresence = async (bot: Bot, presence: Bot['presence']) => {
    try {
      await api.patch(`/bots/${bot.id}`, { presence });
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const saved = () => {
    setEditingId(null);
    reload();
  };

  return (
    <section class="panel" aria-labelledby="bots-title">
      <h2 id="bots-title">Bots</h2>
      <p class="muted small">
        A bot takes the chats of the widgets that list it as a member (Admin → Widgets → a widget → Agents → Add a bot), before the agents. Its endpoint receives the chat events; the
        token is sent in the Authorization header.
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      {resource.status === 'loading' && <p aria-busy="true">Loading bots…</p>}
      {resource.status === 'error' && <p class="error">Could not load the bots: {resource.message}</p>}
      {resource.status === 'ready' &&
        (resource.value.length === 0 ? (
          <p class="empty-inline">No bots yet.</p>
        ) : (
          <table class="table stack-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Endpoint</th>
                <th>Token</th>
                <th>Status</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {resource.value.map((bot) => (
                <tr class={bot.presence === 'offline' ? 'disabled-row' : ''} aria-current={bot.id === editingId ? 'true' : undefined}>
                  <td data-label="Name">
                    {bot.name}
                    <br />
                    <code class="small" title="Use as botId in a widget's members">{bot.id}</code>
                  </td>
                  <td data-label="Endpoint" class="url-text">{bot.endpointUrl ?? '—'}</td>
                  <td data-label="Token">{bot.hasEndpointToken ? 'Set' : 'None'}</td>
                  <td data-label="Status">
                    {bot.presence === 'online' ? 'Online' : 'Offline'}{' '}
                    <button type="button" class="link-button" onClick={() => void setPresence(bot, bot.presence === 'online' ? 'offline' : 'online')}>
                      {bot.presence === 'online' ? 'Take offline' : 'Bring online'}
                    </button>
                  </td>
                  <td data-label="Created">{when(bot.createdAt)}</td>
                  <td>
                    <button type="button" class="link-button" onClick={() => setEditingId(bot.id)}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <BotForm key={editing?.id ?? 'new'} editing={editing} onSaved={saved} onCancel={() => setEditingId(null)} />
    </section>
  );
}

/** Adds a bot, or edits one: name, endpoint and token (write-only: kept, replaced or removed). */
function BotForm({ editing, onSaved, onCancel }: { editing: Bot | undefined; onSaved: () => void; onCancel: () => void }) {
  const [name, setName] = useState(editing?.name ?? '');
  const [url, setUrl] = useState(editing?.endpointUrl ?? '');
  const [token, setToken] = useState(NO_TOKEN_TYPED);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError('Name the bot as visitors should see it.');
    if (!/^https?:\/\//i.test(url.trim())) return setError('The endpoint must be an http:// or https:// address.');
    const body = { name: name.trim(), endpointUrl: url.trim() };
    try {
      if (editing) {
        const endpointToken = tokenChange(token);
        await api.patch(`/bots/${editing.id}`, { ...body, ...(endpointToken !== undefined && { endpointToken }) });
      } else {
        await api.post('/bots', { ...body, endpointToken: token.value || null });
        setName('');
        setUrl('');
        setToken(NO_TOKEN_TYPED);
      }
      setError(null);
      onSaved();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <form class="card grid-form" onSubmit={submit}>
      <h3>{editing ? `Edit ${editing.name}` : 'Add a bot'}</h3>
      <label for="bot-name">Name</label>
      <input id="bot-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="bot-url">Endpoint URL</label>
      <input id="bot-url" type="url" placeholder="https://bot.example.com/snapengage" value={url} maxLength={2048} onInput={(e) => setUrl(e.currentTarget.value)} />
      <WriteOnlyTokenField
        id="bot-token"
        label="Token (optional)"
        replaceLabel="New token (empty keeps the current one)"
        hasToken={Boolean(editing?.hasEndpointToken)}
        draft={token}
        onChange={setToken}
      />
      <FormActions error={error} submitLabel={editing ? 'Save bot' : 'Add bot'} onCancel={editing ? onCancel : undefined} />
    </form>
  );
}
