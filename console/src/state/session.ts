import { api, ApiError, handleUnauthorized } from '../api/http.ts';
import type { User } from '../api/types.ts';
import { createStore } from './store.ts';

export type Session = { status: 'loading' } | { status: 'signed-out'; notice?: string } | { status: 'signed-in'; user: User };

/** Who is signed in. Any 401 from the API (session ended elsewhere) returns to the sign-in screen. */
export const session = createStore<Session>({ status: 'loading' });

handleUnauthorized(() => session.set({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }));

export async function loadSession(): Promise<void> {
  try {
    const { user } = await api.get<{ user: User }>('/me');
    session.set({ status: 'signed-in', user });
  } catch (error) {
    const notice = error instanceof ApiError && error.status !== 401 ? error.message : undefined;
    session.set({ status: 'signed-out', ...(notice && { notice }) });
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const { user } = await api.post<{ user: User }>('/auth/login', { email, password });
  session.set({ status: 'signed-in', user });
}

export async function signOut(): Promise<void> {
  await api.post('/auth/logout').catch(() => {});
  session.set({ status: 'signed-out' });
}

export function currentUser(): User {
  const current = session.get();
  if (current.status !== 'signed-in') throw new Error('no user is signed in');
  return current.user;
}
