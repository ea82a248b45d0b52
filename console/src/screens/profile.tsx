import { useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { PersonalAccessToken, User } from '../api/types.ts';
import { errorText, when } from '../lib/format.ts';
import { useResource } from '../lib/use-resource.ts';

/**
 * The signed-in person's own page: who they are, and what token APIs (Chatwoot's) need from them:
 * the account id and a personal access token. The server keeps only the token's hash, so a token
 * is shown once, right after it is made; regenerating replaces it at once.
 */
export function ProfileScreen({ user }: { user: User }) {
  const { resource, reload } = useResource(() => api.get<{ accessToken: PersonalAccessToken }>('/me/access-token').then((r) => r.accessToken));
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const generate = async (existing: boolean) => {
    if (existing && !confirm('Make a new token? The current one stops working at once, wherever it is used.')) return;
    try {
      const { accessToken } = await api.post<{ accessToken: PersonalAccessToken }>('/me/access-token');
      setShown(accessToken.token ?? null);
      setError(null);
      reload();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <div class="admin-page">
      <h1>Your profile</h1>
      <section class="card panel">
        <h2>{user.alias ?? user.name}</h2>
        <dl class="profile-facts">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>E-mail</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{user.role === 'admin' ? 'Administrator' : 'Agent'}</dd>
        </dl>
      </section>
      <section class="card panel" aria-labelledby="api-access">
        <h2 id="api-access">API access</h2>
        <p class="muted small">
          For clients of the Chatwoot API: send the token in the <code>api_access_token</code> header to <code>{location.origin}/api/v1/accounts/&lt;account id&gt;/…</code>.
          The token acts as you, with your role.
        </p>
        {resource.status === 'loading' && <p aria-busy="true">Loading…</p>}
        {resource.status === 'error' && <p class="error">Could not load your token: {resource.message}</p>}
        {resource.status === 'ready' && (
          <>
            <dl class="profile-facts">
              <dt>Account id</dt>
              <dd>
                <code>{resource.value.accountId}</code>
              </dd>
              <dt>Access token</dt>
              <dd>{resource.value.createdAt ? `Made ${when(resource.value.createdAt)}` : 'None yet'}</dd>
            </dl>
            {shown && (
              <div class="secret" role="status">
                <strong>Copy your new token now</strong>
                <input readOnly value={shown} aria-label="New personal access token" onFocus={(e) => e.currentTarget.select()} class="code" />
                <button type="button" class="secondary profile-action" onClick={() => setShown(null)}>
                  I have copied it
                </button>
              </div>
            )}
            <p class="muted small">
              Tokens are shown only once, right after they are made: we keep only a fingerprint of them, so we cannot show this one again. If you lose it,
              regenerate it; the old one stops working at once.
            </p>
            <p class="error" role="alert">
              {error}
            </p>
            <button type="button" class={`profile-action ${resource.value.createdAt ? 'secondary' : 'primary'}`} onClick={() => void generate(resource.value.createdAt !== null)}>
              {resource.value.createdAt ? 'Regenerate' : 'Generate token'}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
