import type { FastifyBaseLogger } from 'fastify';
import type { RawData } from 'ws';
import type { Core } from '../core/context.ts';
import type { MessageBudget } from './action-budget.ts';
import type { Action } from './actions/action.ts';
import { agentActions } from './actions/agent-actions.ts';
import { subscriptionActions } from './actions/subscription-actions.ts';
import { visitorActions } from './actions/visitor-actions.ts';
import { authenticate, AuthenticationFailed } from './authenticate.ts';
import type { Connection } from './connection.ts';
import { closeReason, errorFrame, isClientError } from './errors.ts';
import { checkFrame, decodeFrame, FrameError, requestIdOf, requireType, type UncheckedFrame } from './frame-reader.ts';
import type { Hub } from './hub.ts';
import type { Identity } from './identity.ts';
import { AuthFrame, CloseCode } from './protocol.ts';

export interface DispatcherOptions {
  core: Core;
  hub: Hub;
  publicUrl: string;
  messages: MessageBudget;
  log: FastifyBaseLogger;
  /** Called once per socket, when its auth frame succeeded. */
  onAuthenticated(connection: Connection): void;
}

const actionsByRole: { [R in Identity['role']]: Record<string, Action<Extract<Identity, { role: R }>>> } = {
  agent: { ...subscriptionActions, ...agentActions },
  visitor: { ...subscriptionActions, ...visitorActions },
};
const KNOWN_TYPES = new Set(['auth', 'ping', ...Object.keys(actionsByRole.agent), ...Object.keys(actionsByRole.visitor)]);

/** Handles one frame of one socket: decode, authenticate or dispatch to the role's action, answer with ack or error. */
export function createDispatcher(options: DispatcherOptions) {
  const { log } = options;

  function fail(connection: Connection, error: unknown, requestId?: string) {
    if (!isClientError(error)) log.error({ err: error }, 'realtime frame failed');
    connection.send(errorFrame(error, requestId));
  }

  async function handleAuth(connection: Connection, frame: UncheckedFrame, requestId: string | undefined) {
    if (frame.type !== 'auth') {
      fail(connection, new FrameError('unauthenticated', 'authenticate first: the first frame must be {"type":"auth"}'), requestId);
      connection.close(CloseCode.unauthorized, 'authenticate first');
      return;
    }
    try {
      const { identity, ready } = await authenticate(options.core, options.publicUrl, checkFrame(AuthFrame, frame), connection.client);
      // The socket may have closed (or timed out) while we were checking; a closed socket must not register anywhere.
      if (!connection.isOpen) return;
      connection.identity = identity;
      options.onAuthenticated(connection);
      connection.send({ ...ready, ...(requestId !== undefined && { requestId }) });
    } catch (error) {
      if (error instanceof AuthenticationFailed) {
        fail(connection, new FrameError('unauthorized', error.message), requestId);
        connection.close(CloseCode.unauthorized, closeReason(error.message));
      } else if (isClientError(error)) {
        fail(connection, error, requestId);
        connection.close(CloseCode.protocolError, closeReason(error.message));
      } else {
        // Our fault (e.g. the database is down): the client may simply retry later.
        fail(connection, error, requestId);
        connection.close(CloseCode.internalError, 'internal error');
      }
    }
  }

  async function runAction(connection: Connection, identity: Identity, frame: UncheckedFrame, requestId: string | undefined) {
    const action = (actionsByRole[identity.role] as Record<string, Action<Identity>>)[frame.type];
    if (!action) {
      const code = KNOWN_TYPES.has(frame.type) ? 'forbidden' : 'unknown_type';
      const message = frame.type === 'auth' ? 'already authenticated' : code === 'forbidden' ? `${identity.role}s cannot send "${frame.type}"` : `unknown frame type "${frame.type}"`;
      throw new FrameError(frame.type === 'auth' ? 'conflict' : code, message, code === 'unknown_type' ? 'type' : undefined);
    }
    connection.budget.spend(frame.type);
    const afterAck: Array<() => Promise<void>> = [];
    const context = { core: options.core, hub: options.hub, messages: options.messages, connection, identity, afterAck: (work: () => Promise<void>) => void afterAck.push(work) };
    const result = await action.run(context, checkFrame(action.schema, frame));
    connection.send({ type: 'ack', action: frame.type, ...(requestId !== undefined && { requestId }), ...result });
    for (const work of afterAck) await work();
  }

  return async function handleFrame(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    let frame: UncheckedFrame;
    try {
      frame = decodeFrame(data, isBinary);
    } catch (error) {
      fail(connection, error);
      // Before authentication there is no conversation to keep alive: a client speaking something else is told so and dropped.
      if (!connection.identity) connection.close(CloseCode.protocolError, closeReason((error as Error).message));
      return;
    }
    const requestId = requestIdOf(frame);
    try {
      requireType(frame);
    } catch (error) {
      fail(connection, error, requestId);
      if (!connection.identity) connection.close(CloseCode.protocolError, closeReason((error as Error).message));
      return;
    }
    if (frame.type === 'ping') return connection.send({ type: 'pong', ...(requestId !== undefined && { requestId }) });
    const identity = connection.identity;
    if (!identity) return handleAuth(connection, frame, requestId);
    try {
      await runAction(connection, identity, frame, requestId);
    } catch (error) {
      fail(connection, error, requestId);
    } finally {
      // Live events held during a replay go out after the ack (a no-op when nothing was held).
      connection.releaseLiveEvents();
    }
  };
}
