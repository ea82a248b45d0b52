/**
 * Things the agent did in the console that Hub SDK pages hear about but that no
 * realtime event carries (a slash command's captured value, a ban's acknowledgement).
 */
export interface LocalHubEvent {
  conversationId: string;
  type: string;
  data?: Record<string, unknown>;
}

const listeners = new Set<(event: LocalHubEvent) => void>();

export function emitLocalHubEvent(event: LocalHubEvent): void {
  for (const listener of listeners) listener(event);
}

export function onLocalHubEvent(listener: (event: LocalHubEvent) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
