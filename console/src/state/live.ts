import type { Presence } from '../api/types.ts';
import { RealtimeClient, realtimeUrl, type ConnectionState, type Subscription } from '../realtime/socket.ts';
import { session } from './session.ts';
import { createStore } from './store.ts';

/** The signed-in agent's realtime connection, its state, and their own status. */
export const connection = createStore<ConnectionState>('connecting');
export const presence = createStore<{ status: Presence; subStatus: string | null }>({ status: 'offline', subStatus: null });

let client: RealtimeClient | undefined;
const retained = new Map<string, number>();

export function startLive(initialPresence: Presence): RealtimeClient {
  presence.set({ status: initialPresence, subStatus: null });
  client = new RealtimeClient(realtimeUrl(), () => session.set({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }));
  client.onState((state) => connection.set(state));
  client.onEvent((event) => {
    if (event.name !== 'agent.status_changed') return;
    const data = event.data as { status: Presence; subStatus: string | null };
    presence.set({ status: data.status, subStatus: data.subStatus });
  });
  client.start();
  return client;
}

export function stopLive(): void {
  client?.stop();
  client = undefined;
  retained.clear();
}

export function live(): RealtimeClient {
  if (!client) throw new Error('the realtime connection starts after sign-in');
  return client;
}

export async function setStatus(status: Presence, subStatus: string | null = null): Promise<void> {
  const ack = await live().request<{ status: Presence; subStatus: string | null }>({ type: 'set_status', status, subStatus });
  presence.set({ status: ack.status, subStatus: ack.subStatus });
}

const keyOf = (s: Subscription) => (s.topic === 'conversation' ? s.conversationId : s.topic);

/**
 * Several screens may need one conversation's events at once (my chats list, the open
 * chat): each retains the subscription and the last one to release it unsubscribes.
 */
export async function retain(subscription: Subscription): Promise<void> {
  const key = keyOf(subscription);
  retained.set(key, (retained.get(key) ?? 0) + 1);
  await live().subscribe(subscription);
}

export function release(subscription: Subscription): void {
  const key = keyOf(subscription);
  const count = (retained.get(key) ?? 0) - 1;
  if (count > 0) return void retained.set(key, count);
  retained.delete(key);
  client?.unsubscribe(subscription);
}
