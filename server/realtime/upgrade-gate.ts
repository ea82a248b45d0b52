import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/context.ts';
import { authenticateSession } from '../core/queries/authenticate-session.ts';
import { SESSION_COOKIE } from '../http/plugins/native-auth.ts';

const NOT_FOUND = 'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * Lets only upgrade requests for `path` through to the WebSocket plugin.
 *
 * @fastify/websocket listens to every upgrade on the server and routes it
 * through fastify; for a path it does not own (an HTTP route, a 404) the answer
 * is written but the socket is never closed, and an upgraded socket that Node
 * no longer watches stays half-open until the process exits, which also holds
 * up a graceful shutdown. Refusing other paths here keeps Node's own behaviour
 * for them: a plain 404, then the socket is closed.
 *
 * Returns the emitter to hand the plugin as its `server`, and a function that detaches the gate.
 */
export function gateUpgrades(server: Server, path: string): { upgrades: EventEmitter; detach: () => void } {
  const upgrades = new EventEmitter();
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (request.url ?? '').split('?')[0]!.replace(/\/+$/, '');
    if (pathname === path) {
      upgrades.emit('upgrade', request, socket, head);
      return;
    }
    socket.on('error', () => socket.destroy());
    socket.end(NOT_FOUND, () => socket.destroy());
  };
  server.on('upgrade', onUpgrade);
  return { upgrades, detach: () => void server.off('upgrade', onUpgrade) };
}

/**
 * Bounds the realtime sockets one client IP holds, so that one visitor cannot hold thousands.
 * A socket counts from its upgrade until it closes, or until it authenticates as an agent: an
 * office of agents behind one NAT is no flood. Past the limit an upgrade is refused with 429,
 * unless it carries a live console session cookie (checked only then), so agents still sign in
 * while visitors on their address hold every slot. Counted in this process's memory, per node;
 * the IP is fastify's (TRUST_PROXY).
 */
export class SocketsPerIp {
  private readonly held = new Map<string, number>();
  /** How each counted socket stops counting, by its upgrade request, then by its WebSocket. */
  private readonly releases = new WeakMap<object, () => void>();

  constructor(
    private readonly core: Core,
    private readonly limit: number,
  ) {}

  /** onRequest hook of the WebSocket route. */
  readonly admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!request.ws) return;
    const ip = request.ip;
    const held = this.held.get(ip) ?? 0;
    if (held >= this.limit) {
      if (await this.carriesAgentSession(request)) return;
      const message = `too many realtime connections from this address: at most ${this.limit}`;
      return reply.code(429).send({ error: { code: 'rate_limited', message, requestId: request.id } });
    }
    this.held.set(ip, held + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.held.get(ip) ?? 1) - 1;
      if (left > 0) this.held.set(ip, left);
      else this.held.delete(ip);
    };
    // The TCP socket closes in every case: upgrade refused later, handshake failed, WebSocket closed.
    request.raw.socket.once('close', release);
    this.releases.set(request.raw, release);
  };

  /** Call when the upgrade became `socket`, so that `exempt` can find it. */
  opened(request: IncomingMessage, socket: object): void {
    const release = this.releases.get(request);
    if (release) this.releases.set(socket, release);
  }

  /** The socket authenticated as an agent: it no longer counts. */
  exempt(socket: object): void {
    this.releases.get(socket)?.();
  }

  private async carriesAgentSession(request: FastifyRequest): Promise<boolean> {
    const token = request.cookies[SESSION_COOKIE];
    return token !== undefined && (await authenticateSession(this.core, token)) !== undefined;
  }
}
