import type { Server } from 'node:http';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Config } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import { authenticateSession } from '../core/queries/authenticate-session.ts';
import { SESSION_COOKIE } from '../http/plugins/native-auth.ts';
import { AgentPresence } from './agent-presence.ts';
import { Connection } from './connection.ts';
import { createDispatcher } from './dispatcher.ts';
import { FrameQueue } from './frame-queue.ts';
import { Heartbeat } from './heartbeat.ts';
import { Hub } from './hub.ts';
import type { ClientInfo } from './identity.ts';
import { CloseCode, MAX_PAYLOAD_BYTES } from './protocol.ts';
import { userWhoseSessionsMayHaveEnded } from './session-revocation.ts';
import { gateUpgrades, SocketsPerIp } from './upgrade-gate.ts';
import { MessageBudget } from './action-budget.ts';

export interface RealtimeGatewayOptions {
  core: Core;
  config: Config;
}

const REALTIME_PATH = '/realtime';
/** Frames a socket may have waiting; a client sending faster than this is flooding, not chatting. */
const MAX_PENDING_FRAMES = 100;

function clientInfo(request: FastifyRequest): ClientInfo {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    sessionCookie: request.cookies[SESSION_COOKIE],
    origin: request.headers.origin,
    host: request.headers.host,
  };
}

/**
 * `GET /realtime`: the WebSocket gateway of our widget and console (protocol in
 * docs/realtime.md). It listens to the event bus once and fans events out
 * through the hub; it depends on the EventBus interface only, so a multi-node
 * bus can replace the in-process one without changes here.
 */
export const realtimeGateway: FastifyPluginAsync<RealtimeGatewayOptions> = async (app, { core, config }) => {
  const hub = new Hub();
  const presence = new AgentPresence(core, config.agentOfflineGraceMs, (error) => app.log.error({ err: error }, 'recording agent presence failed'));
  app.addHook('onReady', () => presence.start());

  /** Closes the user's sockets whose session no longer authenticates. */
  async function recheckSessions(userId: string) {
    for (const connection of presence.socketsOf(userId)) {
      const identity = connection.identity;
      if (identity?.role === 'agent' && !(await authenticateSession(core, identity.sessionToken))) {
        connection.close(CloseCode.unauthorized, 'session ended');
      }
    }
  }

  const stopListening = [
    core.bus.subscribe((event) => {
      hub.routeEvent(event);
      const userId = userWhoseSessionsMayHaveEnded(event);
      if (userId) return recheckSessions(userId);
    }),
    core.bus.subscribeEphemeral((signal) => hub.routeSignal(signal)),
  ];

  // Reads the plugin's client list lazily: the plugin is registered just below.
  const heartbeat = new Heartbeat(() => app.websocketServer.clients, config.wsHeartbeatMs);
  const gate = gateUpgrades(app.server, REALTIME_PATH);
  await app.register(fastifyWebsocket, {
    // The plugin only listens to `upgrade` on its server, which the gate's emitter provides.
    options: { maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false, server: gate.upgrades as unknown as Server },
    // Socket-level errors are the client's connection failing (e.g. an oversized frame, which ws answers with 1009).
    errorHandler: (error, _socket, request) => request.log.info({ err: error }, 'realtime socket error'),
    preClose(done) {
      gate.detach();
      for (const stop of stopListening) stop();
      heartbeat.stop();
      const presenceStopped = presence.stop();
      for (const socket of app.websocketServer.clients) socket.close(CloseCode.goingAway, 'server shutting down');
      app.websocketServer.close(() => void presenceStopped.then(() => done()));
    },
  });
  const sockets = new SocketsPerIp(core, config.wsVisitorSocketsPerIp);
  const handleFrame = createDispatcher({
    core,
    hub,
    publicUrl: config.publicUrl,
    messages: new MessageBudget(config),
    log: app.log,
    onAuthenticated(connection) {
      if (connection.identity?.role === 'agent') presence.connected(connection.identity.user.id, connection);
      if (connection.identity?.role === 'agent') sockets.exempt(connection.socket);
    },
  });

  app.get(REALTIME_PATH, { websocket: true, onRequest: sockets.admit }, (socket: WebSocket, request) => {
    sockets.opened(request.raw, socket);
    const connection = new Connection(socket, clientInfo(request));
    heartbeat.watch(socket);
    const authTimer = setTimeout(() => {
      if (!connection.identity) connection.close(CloseCode.unauthorized, 'authentication timed out');
    }, config.wsAuthTimeoutMs);
    const frames = new FrameQueue(MAX_PENDING_FRAMES, (error) => request.log.error({ err: error }, 'realtime frame failed'));

    // Attached synchronously: frames that arrive while anything async runs must not be lost.
    socket.on('message', (data, isBinary) => {
      if (!frames.push(() => handleFrame(connection, data, isBinary))) connection.close(CloseCode.tooManyFrames, 'too many frames in flight');
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      hub.remove(connection);
      const identity = connection.identity;
      if (identity?.role === 'agent') presence.disconnected(identity.user.id, connection);
    });
  });
};
