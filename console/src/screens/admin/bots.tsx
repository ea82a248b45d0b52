import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Bot } from '../../api/types.ts';
import { errorText, when } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

/** Bots answer chats through their endpoint (SnapEngage Bot API); add one to a widget as a member to route chats to it first. */
export function BotsSection() {
  const { resource, reload } = useResource(() => api.get<{ bots: Bot[] }>('/bots').then((r) => r.bots));
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError('Name the bot as visitors should see it.');
    if (!/^https?:\/\//i.test(url.trim())) return setError('The endpoint must be an http:// or https:// address.');
    try {
      await api.post('/bots', { name: name.trim(), endpointUrl: url.trim(), endpointToken: token || null });
      setName('');
      setUrl('');
      setToken('');
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const setPresence = async (bot: Bot, presence: Bot['presence']) => {
    try {
      await api.patch(`/bots/${bot.id}`, { presence });
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <section class="panel" aria-labelledby="bots-title">
      <h2 id="bots-title">Bots</h2>
      <p class="muted small">A bot takes the chats of the widgets that list it as a member (its id as botId in the widget's members, through the native API), before the agents. Its endpoint receives the chat events; the token is sent in the Authorization header.</p>
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
              </tr>
            </thead>
            <tbody>
              {resource.value.map((bot) => (
                <tr class={bot.presence === 'offline' ? 'disabled-row' : ''}>
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
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <form class="card grid-form" onSubmit={create}>
        <h3>Add a bot</h3>
        <label for="bot-name">Name</label>
        <input id="bot-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="bot-url">Endpoint URL</label>
        <input id="bot-url" type="url" placeholder="https://bot.example.com/snapengage" value={url} maxLength={2048} onInput={(e) => setUrl(e.currentTarget.value)} />
        <label for="bot-token">Token (optional)</label>
        <input id="bot-token" type="password" autocomplete="off" value={token} maxLength={1024} onInput={(e) => setToken(e.currentTarget.value)} />
        <p class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary">
          Add bot
        </button>
      </form>
    </section>
  );
}
