import type { StoredEvent } from '../core/events.ts';

/**
 * The user whose console sessions an event may have ended: updateUser deletes
 * a user's sessions when they are disabled or get a new password, and a deleted
 * user has none. Their open sockets were authenticated by those sessions, so the
 * gateway checks each socket's session again and closes those that ended.
 * (A logout emits no event; its socket lives until it closes.)
 */
export function userWhoseSessionsMayHaveEnded(event: StoredEvent): string | undefined {
  if (event.type === 'user.deleted') return (event as StoredEvent<'user.deleted'>).payload.userId;
  if (event.type === 'user.updated') {
    const { userId, changes } = (event as StoredEvent<'user.updated'>).payload;
    if (changes.includes('password') || changes.includes('disabledAt')) return userId;
  }
  return undefined;
}
