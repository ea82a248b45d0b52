import { useEffect, useState } from 'preact/hooks';
import type { User } from './api/types.ts';
import { ShortcutHelp } from './components/shortcut-help.tsx';
import { StatusSwitch } from './components/status-switch.tsx';
import { SHORTCUTS, useShortcut } from './lib/shortcuts.ts';
import { Link, match, navigate, usePath } from './router.tsx';
import { AdminScreen } from './screens/admin/admin.tsx';
import { HistoryScreen } from './screens/history.tsx';
import { ProfileScreen } from './screens/profile.tsx';
import { InboxScreen } from './screens/inbox/inbox.tsx';
import { inbox, startInbox } from './state/inbox.ts';
import { connection, startLive, stopLive } from './state/live.ts';
import { signOut } from './state/session.ts';
import { useStore } from './state/store.ts';

const CONNECTION_WORDS = { connecting: 'Connecting…', online: 'Connected', offline: 'Connection lost, reconnecting…' };

function Screen({ user, path }: { user: User; path: string }) {
  if (path === '/') return <InboxScreen conversationId={null} />;
  const chat = match('/chats/:id', path);
  if (chat) return <InboxScreen conversationId={chat.id!} />;
  if (path === '/history') return <HistoryScreen conversationId={null} />;
  const past = match('/history/:id', path);
  if (past) return <HistoryScreen conversationId={past.id!} />;
  if (path === '/profile') return <ProfileScreen user={user} />;
  if (path.startsWith('/admin')) {
    return user.role === 'admin' ? <AdminScreen path={path} /> : <p class="empty">Only administrators can change settings.</p>;
  }
  return (
    <div class="empty">
      <h2>Nothing here</h2>
      <p>
        This address does not exist in the console. <Link href="/">Go to the inbox</Link>.
      </p>
    </div>
  );
}

/** The signed-in console: navigation, status, connection, and the current screen. */
export function Shell({ user }: { user: User }) {
  const path = usePath();
  const state = useStore(connection);
  const { unread, queue } = useStore(inbox);
  const [helpOpen, setHelpOpen] = useState(false);
  // Screens use the realtime connection from their first effect, so they mount only once it exists.
  const [live, setLive] = useState(false);
  const unreadTotal = Object.values(unread).reduce((sum, n) => sum + n, 0);

  useEffect(() => {
    startLive(user.presence);
    const stopInbox = startInbox();
    setLive(true);
    return () => {
      setLive(false);
      stopInbox();
      stopLive();
    };
  }, [user.id]);

  // The tab title carries the count, so a background tab still says when visitors wait.
  useEffect(() => {
    const waiting = unreadTotal + queue.length;
    document.title = waiting > 0 ? `(${waiting}) Switchboard` : 'Switchboard';
  }, [unreadTotal, queue.length]);

  useShortcut(SHORTCUTS.help, () => setHelpOpen((open) => !open));
  useShortcut(SHORTCUTS.inbox, () => navigate('/'));
  useShortcut(SHORTCUTS.search, () => navigate('/history'));

  const section = path.startsWith('/admin') ? 'admin' : path.startsWith('/history') ? 'history' : path === '/profile' ? 'profile' : 'inbox';
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Switchboard</span>
        <nav class="main-nav" aria-label="Sections">
          <Link href="/" aria-current={section === 'inbox' ? 'page' : undefined}>
            Inbox
            {unreadTotal + queue.length > 0 && <span class="badge" aria-label={`${unreadTotal + queue.length} need attention`}>{unreadTotal + queue.length}</span>}
          </Link>
          <Link href="/history" aria-current={section === 'history' ? 'page' : undefined}>
            History
          </Link>
          {user.role === 'admin' && (
            <Link href="/admin/widgets" aria-current={section === 'admin' ? 'page' : undefined}>
              Admin
            </Link>
          )}
        </nav>
        <span class={`connection connection-${state}`} role="status" title={CONNECTION_WORDS[state]}>
          <span class="dot" aria-hidden="true" />
          <span class="connection-words">{CONNECTION_WORDS[state]}</span>
        </span>
        <StatusSwitch />
        <div class="account">
          {/* Named "Your profile" for assistive technology: the name alone would not say where the link leads. */}
          <Link
            href="/profile"
            class="account-name"
            title={`${user.email}: your profile and API token`}
            aria-label="Your profile"
            aria-current={path === '/profile' ? 'page' : undefined}
          >
            {user.alias ?? user.name}
          </Link>
          <button type="button" class="link-button" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (Alt+/)" aria-label="Keyboard shortcuts">
            ⌨
          </button>
          <button type="button" class="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main class="screen">
        {live && <Screen user={user} path={path} />}
      </main>
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
