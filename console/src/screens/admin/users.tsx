import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Role, User } from '../../api/types.ts';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { currentUser } from '../../state/session.ts';
import { teamDirectory } from '../../state/directory.ts';

const PRESENCE_WORDS = { online: 'Online', pause: 'Paused', offline: 'Offline' };

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [fields, setFields] = useState({ name: '', email: '', password: '', role: 'agent' as Role });
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<typeof fields>) => setFields({ ...fields, ...change });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!fields.name.trim() || !fields.email.trim()) return setError('Name and e-mail are needed.');
    if (fields.password && fields.password.length < 8) return setError('The password needs at least 8 characters.');
    try {
      await api.post('/users', { name: fields.name.trim(), email: fields.email.trim(), role: fields.role, ...(fields.password && { password: fields.password }) });
      setFields({ name: '', email: '', password: '', role: 'agent' });
      setError(null);
      onCreated();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <form class="card grid-form" onSubmit={submit}>
      <h2>Add a user</h2>
      <label for="user-name">Name</label>
      <input id="user-name" value={fields.name} maxLength={200} onInput={(e) => set({ name: e.currentTarget.value })} />
      <label for="user-email">E-mail (login)</label>
      <input id="user-email" type="email" value={fields.email} onInput={(e) => set({ email: e.currentTarget.value })} />
      <label for="user-password">Password (at least 8 characters; leave empty to set it later)</label>
      <input id="user-password" type="password" autoComplete="new-password" value={fields.password} onInput={(e) => set({ password: e.currentTarget.value })} />
      <label for="user-role">Role</label>
      <select id="user-role" value={fields.role} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
        <option value="agent">Agent: answers chats</option>
        <option value="admin">Admin: also changes settings</option>
      </select>
      <p class="error" role="alert">{error}</p>
      <button type="submit" class="primary">
        Add user
      </button>
    </form>
  );
}

/** The team: add people, change their role, disable them (which ends their sessions). */
export function UsersScreen() {
  const { resource, reload } = useResource(() => api.get<{ users: User[] }>('/users').then((r) => r.users));
  const [error, setError] = useState<string | null>(null);
  const me = currentUser();

  const change = async (user: User, body: Partial<Pick<User, 'role' | 'disabled'>>) => {
    setError(null);
    try {
      await api.patch(`/users/${user.id}`, body);
      teamDirectory.refresh();
      reload();
    } catch (failure) {
      setError(`${user.name}: ${errorText(failure)}`);
    }
  };

  return (
    <div class="admin-page">
      <h1>Users</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {resource.status === 'loading' && <p aria-busy="true">Loading users…</p>}
      {resource.status === 'error' && <p class="error">Could not load the users: {resource.message}</p>}
      {resource.status === 'ready' && (
        <table class="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {resource.value.map((user) => (
              <tr class={user.disabled ? 'disabled-row' : ''}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>
                  <select aria-label={`Role of ${user.name}`} value={user.role} disabled={user.id === me.id} onChange={(e) => void change(user, { role: e.currentTarget.value as Role })}>
                    <option value="agent">Agent</option>
                    <option value="admin">Admin</option>
                  </select>
                </td>
                <td>{user.disabled ? 'Disabled' : user.hasPassword ? PRESENCE_WORDS[user.presence] : 'No password yet'}</td>
                <td>
                  {user.id !== me.id && (
                    <button type="button" class="link-button" onClick={() => void change(user, { disabled: !user.disabled })}>
                      {user.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUserForm
        onCreated={() => {
          teamDirectory.refresh();
          reload();
        }}
      />
    </div>
  );
}
