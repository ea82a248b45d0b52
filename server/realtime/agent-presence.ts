import type { Connection } from './connection.ts';

/**
 * Which agents have console sockets open on this node, and the timers that set
 * an agent offline once their last socket has been gone for the grace period.
 * A reload or a short network drop reconnects well within it, so the agent
 * keeps their status and their place in routing.
 *
 * Counted per node: with several nodes, an agent connected only to another node
 * looks disconnected here. A multi-node deployment needs the count in shared
 * storage (or the grace timer cancelled through the bus) before this is correct there.
 */
export class AgentPresence {
  private readonly socketsByUser = new Map<string, Set<Connection>>();
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly graceMs: number,
    private readonly setOffline: (organizationId: string, userId: string) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  connected(userId: string, connection: Connection): void {
    this.cancelOffline(userId);
    let sockets = this.socketsByUser.get(userId);
    if (!sockets) this.socketsByUser.set(userId, (sockets = new Set()));
    sockets.add(connection);
  }

  disconnected(organizationId: string, userId: string, connection: Connection): void {
    const sockets = this.socketsByUser.get(userId);
    if (!sockets?.delete(connection) || sockets.size > 0) return;
    this.socketsByUser.delete(userId);
    // Sockets closing because the server stops are not agents leaving: they reconnect to the next server.
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.offlineTimers.delete(userId);
      if (!this.socketsByUser.has(userId)) this.setOffline(organizationId, userId).catch(this.onError);
    }, this.graceMs);
    timer.unref();
    this.offlineTimers.set(userId, timer);
  }

  /** The agent's open sockets on this node (to close them when their session ends). */
  socketsOf(userId: string): Connection[] {
    return [...(this.socketsByUser.get(userId) ?? [])];
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
  }

  private cancelOffline(userId: string): void {
    clearTimeout(this.offlineTimers.get(userId));
    this.offlineTimers.delete(userId);
  }
}
