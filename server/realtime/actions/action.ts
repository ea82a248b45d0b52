import type { Static, TSchema } from 'typebox';
import type { Core } from '../../core/context.ts';
import type { MessageBudget } from '../action-budget.ts';
import type { Connection } from '../connection.ts';
import type { Hub } from '../hub.ts';
import type { AgentIdentity, Identity, VisitorIdentity } from '../identity.ts';

/** Everything an action needs; the identity is already narrowed to the role the action belongs to. */
export interface ActionContext<I extends Identity = Identity> {
  core: Core;
  hub: Hub;
  connection: Connection;
  identity: I;
  /** Visitors' and conversations' message allowances, shared with every socket and HTTP entry point. */
  messages: MessageBudget;
  /** Work to do after the ack went out, e.g. a new chat's first events, which should follow the answer that names the chat. */
  afterAck(work: () => Promise<void>): void;
}

/** Fields merged into the ack frame. */
export type AckResult = Record<string, unknown>;

export interface Action<I extends Identity> {
  schema: TSchema;
  run(context: ActionContext<I>, frame: unknown): Promise<AckResult>;
}

/** Binds a frame schema to its handler, so the handler sees the frame typed by that schema (the dispatcher has checked it). */
function defineAction<I extends Identity>() {
  return <S extends TSchema>(schema: S, run: (context: ActionContext<I>, frame: Static<S>) => Promise<AckResult | void>): Action<I> => ({
    schema,
    run: async (context, frame) => (await run(context, frame as Static<S>)) ?? {},
  });
}

export const visitorAction = defineAction<VisitorIdentity>();
export const agentAction = defineAction<AgentIdentity>();
export const anyoneAction = defineAction<Identity>();
