import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { ApiKey } from '../../api/types.ts';
import { errorText, when } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

/** Scopes a key may hold; "admin" is what the native API accepts, the others open vendor APIs. */
const SCOPES = ['admin', 'provisioning', 'chat', 'agent_status', 'logs'];

/** Keys for scripts and vendor APIs: the secret is shown once, right after creation; revoking is final. */
export function ApiKeysScreen() {
  const { resource, reload } = useResource(() => api.get<{ apiKeys: ApiKey[] }>('/api-keys').then((r) => r.apiKeys));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['admin']);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError('Name the key after what will use it, e.g. "CRM sync".');
    if (scopes.length === 0) return setError('Choose at least one scope.');
    try {
      const answer = await api.post<{ secret: string }>('/api-keys', { name: name.trim(), scopes });
      setSecret(answer.secret);
      setName('');
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const revoke = async (key: ApiKey) => {
    if (!confirm(`Revoke "${key.name}"? Anything using it stops working at once.`)) return;
    try {
      await api.delete(`/api-keys/${key.id}`);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <div class="admin-page">
      <h1>API keys</h1>
      {secret && (
        <div class="card secret" role="status">
          <h2>Copy the new key now</h2>
          <p>It is shown only this once. Store it where the script that uses it can read it.</p>
          <input readOnly value={secret} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} class="code" />
          <button type="button" class="secondary" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      )}
      {resource.status === 'loading' && <p aria-busy="true">Loading keys…</p>}
      {resource.status === 'error' && <p class="error">Could not load the keys: {resource.message}</p>}
      {resource.status === 'ready' &&
        (resource.value.length === 0 ? (
          <p class="empty-inline">No API keys yet.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key id</th>
                <th>Scopes</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {resource.value.map((key) => (
                <tr class={key.revokedAt ? 'disabled-row' : ''}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.keyId}</code>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>{key.lastUsedAt ? when(key.lastUsedAt) : 'never'}</td>
                  <td>
                    {key.revokedAt ? (
                      `Revoked ${when(key.revokedAt)}`
                    ) : (
                      <button type="button" class="link-button" onClick={() => void revoke(key)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <form class="card grid-form" onSubmit={create}>
        <h2>Create a key</h2>
        <label for="key-name">Name</label>
        <input id="key-name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        <fieldset class="chips">
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label class="chip">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
              {scope}
            </label>
          ))}
        </fieldset>
        <p class="error" role="alert">{error}</p>
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
    </div>
  );
}
