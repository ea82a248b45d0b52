import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

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
