import { useState } from 'preact/hooks';
import { ApiError } from '../api/http.ts';
import { signIn } from '../state/session.ts';

/** E-mail and password; the server sets the HttpOnly session cookie and limits guessing. */
export function SignIn({ notice }: { notice?: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!email.trim() || !password) return setError('Enter your e-mail address and your password.');
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.status === 401) setError('Wrong e-mail or password. Check both and try again.');
      else setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} noValidate>
        <h1>Switchboard</h1>
        <p class="muted">Sign in to answer chats and manage your widgets.</p>
        {notice && !error && <p class="notice">{notice}</p>}
        <label for="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />
        <label for="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <p class="error" role="alert">{error}</p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
