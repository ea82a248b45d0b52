import type { Core } from '../kit.ts';

/**
 * Typing indicators for pollers. Typing travels on the bus's ephemeral channel, which
 * nobody stores, so a poll can only know what this process has seen since it started:
 * the agent side is remembered from `agent.typing` signals, the visitor side is relayed
 * from the poll's `isTyping`. Multi-node setups see the signals of their own node's bus.
 */

/** A "stopped typing" can be lost (a closed tab): after this long the indicator goes out anyway. */
export const AGENT_TYPING_TTL_MS = 10_000;
/** Bounds the memory held for conversations that are never polled again. */
const MAX_TRACKED = 10_000;

export interface TypingSignals {
  agentTyping(conversationId: string): boolean;
  /** Pollers repeat `isTyping` every second or two: only a change is signalled. */
  relayVisitorTyping(organizationId: string, conversationId: string, isTyping: boolean): void;
  stop(): void;
}

export function trackTypingSignals(bus: Core['bus'], now: () => number = Date.now): TypingSignals {
  const agentTypingUntil = new Map<string, number>();
  const visitorsTyping = new Set<string>();

  const unsubscribe = bus.subscribeEphemeral((signal) => {
    if (signal.type !== 'agent.typing') return;
    if (!signal.payload.isTyping) return void agentTypingUntil.delete(signal.conversationId);
    if (agentTypingUntil.size >= MAX_TRACKED) agentTypingUntil.clear();
    agentTypingUntil.set(signal.conversationId, now() + AGENT_TYPING_TTL_MS);
  });

  return {
    agentTyping(conversationId) {
      const until = agentTypingUntil.get(conversationId);
      if (until !== undefined && until <= now()) agentTypingUntil.delete(conversationId);
      return until !== undefined && until > now();
    },
    relayVisitorTyping(organizationId, conversationId, isTyping) {
      if (isTyping === visitorsTyping.has(conversationId)) return;
      if (isTyping) {
        if (visitorsTyping.size >= MAX_TRACKED) visitorsTyping.clear();
        visitorsTyping.add(conversationId);
      } else {
        visitorsTyping.delete(conversationId);
      }
      // Pollers send no draft text, so there is nothing to preview.
      bus.publishEphemeral({ type: 'visitor.typing', organizationId, conversationId, payload: { conversationId, isTyping, preview: '' } });
    },
    stop: unsubscribe,
  };
}
