import { useEffect } from 'preact/hooks';
import { Shell } from './shell.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { loadSession, session } from './state/session.ts';
import { useStore } from './state/store.ts';

/** Sign-in gate: the console proper only exists while someone is signed in. */
export function App() {
  const current = useStore(session);
  useEffect(() => void loadSession(), []);
  if (current.status === 'loading') return <div class="splash" aria-busy="true">Loading the console…</div>;
  if (current.status === 'signed-out') return <SignIn notice={current.notice} />;
  return <Shell user={current.user} />;
}
