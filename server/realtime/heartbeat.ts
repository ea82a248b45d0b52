import type WebSocket from 'ws';

/**
 * Finds dead sockets: every interval each socket gets a ping, and one that has
 * not answered the previous ping is terminated. A laptop that went to sleep or a
 * dropped mobile connection never sends a close frame; without this its socket
 * (and an agent's "online" presence) would linger until TCP gives up, hours later.
 * Browsers answer pings on their own, so widget and console need no code for it.
 */
export class Heartbeat {
  private readonly answered = new WeakSet<WebSocket>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly sockets: () => Iterable<WebSocket>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  watch(socket: WebSocket): void {
    this.answered.add(socket);
    socket.on('pong', () => this.answered.add(socket));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    for (const socket of this.sockets()) {
      if (!this.answered.has(socket)) {
        socket.terminate();
        continue;
      }
      this.answered.delete(socket);
      socket.ping();
    }
  }
}
