import { randomUUID } from 'node:crypto';
import { setAbsentAgentOffline } from '../core/commands/set-agent-presence.ts';
import type { Core } from '../core/context.ts';
import { createKeyedSerializer } from '../core/keyed-serializer.ts';
import {
  beatNode,
  closeNodeConnections,
  deleteSettledConnections,
  listAbsentAgents,
  recordAgentConnection,
  registerNode,
  type Absence,
} from '../db/repositories/presence.ts';
import type { Connection } from './connection.ts';

/**
 * A node silent for this many beats, and at least this long, counts as stopped: a pause of the
 * process or a slow database must not take all of its agents offline.
 */
const MISSED_BEATS = 3;
const MIN_SILENCE_MS = 10_000;
/** Agents set offline per sweep at most; the next sweep takes the rest. */
const SWEEP_BATCH = 100;

/** How often a node beats and sweeps: a third of the grace period, within 250 ms and 10 s. */
export function beatIntervalMs(graceMs: number): number {
  return Math.min(10_000, Math.max(250, Math.round(graceMs / 3)));
}

/**
 * One sweep, the same on every node and safe to run on several at once: sets offline each
 * agent whose consoles have been gone from every node for the grace period (rechecked under
 * the agent's lock), then drops the rows that no longer tell anything.
 */
export async function sweepAbsentAgents(core: Core, absence: Absence): Promise<void> {
  for (const agent of await listAbsentAgents(core.db, absence, SWEEP_BATCH)) {
    await setAbsentAgentOffline(core, agent.organizationId, agent.userId, absence);
  }
  await deleteSettledConnections(core.db, absence.staleMs);
}

/**
 * An agent stays online while a console of theirs is open on any node, and is set offline
 * once every one has been gone for the grace period: a reload, a short network drop or a
 * restart of the server reconnects well within it, so the agent keeps their status and their
 * place in routing.
 *
 * The truth lives in the database, not in one process: each node (a random id per start)
 * records whether an agent has a socket on it (one write on their first socket and one on
 * their last, never per message) and beats every third of the grace period. Every node sweeps
 * (`sweepAbsentAgents`), so an agent whose node crashed or was killed goes offline a grace
 * period after that node's last beat (at least once the node counts as stopped), whichever node
 * is still or again running.
 */
export class AgentPresence {
  readonly nodeId = randomUUID();
  private readonly socketsByUser = new Map<string, Set<Connection>>();
  private readonly inTurn = createKeyedSerializer();
  private readonly pendingWrites = new Set<Promise<void>>();
  /** Agents whose last write failed; the next beat writes them again. */
  private readonly unsynced = new Set<string>();
  private readonly absence: Absence;
  private readonly beatMs: number;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly core: Core,
    graceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.beatMs = beatIntervalMs(graceMs);
    this.absence = { graceMs, staleMs: Math.max(MISSED_BEATS * this.beatMs, MIN_SILENCE_MS) };
  }

  /**
   * Registers this node, then beats and sweeps until `stop`. The first sweep is done before the
   * node serves anyone: agents left online by a server that stopped long ago are offline by then.
   */
  async start(): Promise<void> {
    await registerNode(this.core.db, this.nodeId);
    if (this.stopped) return;
    this.timer = setInterval(() => this.beat(), this.beatMs);
    this.timer.unref();
    this.beat();
    await this.beating;
  }

  connected(userId: string, connection: Connection): void {
    let sockets = this.socketsByUser.get(userId);
    if (!sockets) this.socketsByUser.set(userId, (sockets = new Set()));
    sockets.add(connection);
    if (sockets.size === 1) this.record(userId);
  }

  disconnected(userId: string, connection: Connection): void {
    const sockets = this.socketsByUser.get(userId);
    if (!sockets?.delete(connection) || sockets.size > 0) return;
    this.socketsByUser.delete(userId);
    this.record(userId);
  }

  /** The agent's open sockets on this node (to close them when their session ends). */
  socketsOf(userId: string): Connection[] {
    return [...(this.socketsByUser.get(userId) ?? [])];
  }

  /**
   * Stops beating and closes this node's rows in one write, so its agents' grace period starts
   * now (they reconnect to the next server within it) instead of when the node is found silent.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.beating;
    await Promise.all(this.pendingWrites);
    await closeNodeConnections(this.core.db, this.nodeId).catch(this.onError);
  }

  /**
   * Writes whether the agent has a socket here as it is when the write runs, one write per
   * agent at a time: a quick close and reopen then always ends with the row open.
   */
  private record(userId: string): void {
    if (this.stopped) return;
    const write = this.inTurn(userId, () => recordAgentConnection(this.core.db, this.nodeId, userId, this.socketsByUser.has(userId))).then(
      () => void this.unsynced.delete(userId),
      (error: unknown) => {
        this.unsynced.add(userId);
        this.onError(error);
      },
    );
    this.pendingWrites.add(write);
    void write.finally(() => this.pendingWrites.delete(write));
  }

  private beat(): void {
    this.beating ??= this.beatAndSweep()
      .catch(this.onError)
      .finally(() => (this.beating = undefined));
  }

  private async beatAndSweep(): Promise<void> {
    if (!(await beatNode(this.core.db, this.nodeId))) {
      // Others removed this node as stopped while it could not reach the database: join again with its agents.
      await registerNode(this.core.db, this.nodeId);
      for (const userId of this.socketsByUser.keys()) this.record(userId);
    }
    for (const userId of this.unsynced) this.record(userId);
    await sweepAbsentAgents(this.core, this.absence);
  }
}
