import { describe, expect, it } from 'vitest';
import { createInProcessEventBus, type EphemeralEvent } from '../../../events/event-bus.ts';
import { AGENT_TYPING_TTL_MS, trackTypingSignals } from '../typing-signals.ts';

/** Typing indicators for the Visitor Chat poll: agent typing remembered from the bus, visitor typing relayed on change. */

const ORG = 'org-1';
const CASE = 'case-1';
/** Ephemeral handlers run on a later microtask. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const bus = createInProcessEventBus((error) => {
    throw error;
  });
  let clock = 1_000;
  const typing = trackTypingSignals(bus, () => clock);
  const agentTypes = async (isTyping: boolean, conversationId = CASE) => {
    bus.publishEphemeral({ type: 'agent.typing', organizationId: ORG, conversationId, payload: { conversationId, userId: 'agent-1', isTyping } });
    await delivered();
  };
  return { bus, typing, agentTypes, advance: (ms: number) => void (clock += ms) };
}

describe('trackTypingSignals', () => {
  it('agentTyping: true after an agent.typing start for that conversation only, false after the stop', async () => {
    const { typing, agentTypes } = setup();
    expect(typing.agentTyping(CASE)).toBe(false);
    await agentTypes(true);
    expect([typing.agentTyping(CASE), typing.agentTyping('case-2')]).toEqual([true, false]);
    await agentTypes(false);
    expect(typing.agentTyping(CASE)).toBe(false);
  });

  it(`agentTyping goes out ${AGENT_TYPING_TTL_MS} ms after the last start, when the stop never comes`, async () => {
    const { typing, agentTypes, advance } = setup();
    await agentTypes(true);
    advance(AGENT_TYPING_TTL_MS - 1);
    expect(typing.agentTyping(CASE)).toBe(true);
    advance(1);
    expect(typing.agentTyping(CASE)).toBe(false);
  });

  it('relays the visitor’s typing as visitor.typing only when it changes', async () => {
    const { bus, typing } = setup();
    const signals: EphemeralEvent[] = [];
    bus.subscribeEphemeral((signal) => void signals.push(signal));
    for (const isTyping of [false, true, true, false, false, true]) typing.relayVisitorTyping(ORG, CASE, isTyping);
    await delivered();
    const signal = (isTyping: boolean) => ({ type: 'visitor.typing', organizationId: ORG, conversationId: CASE, payload: { conversationId: CASE, isTyping, preview: '' } });
    expect(signals).toEqual([signal(true), signal(false), signal(true)]);
  });

  it('stop() stops listening to agent signals', async () => {
    const { typing, agentTypes } = setup();
    typing.stop();
    await agentTypes(true);
    expect(typing.agentTyping(CASE)).toBe(false);
  });
});
