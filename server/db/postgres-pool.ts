import pg from 'pg';

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void;

/**
 * node-postgres's pool, made to outlive the connections it holds. A connection may die at any
 * moment (pg_terminate_backend, a restart, a failover, a network cut); the statement on it fails,
 * nothing else does, and the next checkout connects anew.
 *
 * The pool itself listens only to idle connections: a connection that died while checked out
 * (for a transaction, or in the instant between the pool handing it out and its taker receiving
 * it) emitted an 'error' nobody heard, which ends the process. And drizzle releases a
 * transaction's connection only once its BEGIN succeeded, so a connection lost before that kept
 * its pool slot forever.
 */
class SurvivingPool extends pg.Pool {
  /** Connections whose link to the server broke; they are discarded on release. */
  private readonly lost = new WeakSet<pg.PoolClient>();
  /** What to do when a connection checked out through `connect()` breaks: give it back at once. */
  private readonly onLoss = new WeakMap<pg.PoolClient, (error: Error) => void>();

  constructor(config: pg.PoolConfig) {
    super(config);
    // An idle connection that dies is dropped by the pool itself; this only keeps its 'error' from ending the process.
    this.on('error', () => {});
    // Every connection is heard from its first moment, whoever holds it.
    this.on('connect', (client) =>
      client.on('error', (error) => {
        this.lost.add(client);
        this.onLoss.get(client)?.(error);
      }),
    );
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    // pool.query checks out through the callback and releases its connection itself, on loss too.
    if (callback) return super.connect(callback);
    return super.connect().then((client) => this.hold(client));
  }

  /**
   * A connection for a caller that releases it itself (drizzle's transactions). One that broke
   * before the caller had it is swapped for another; one that breaks later goes back to the pool
   * at once, which discards it: its holder learns of the loss from its next statement, and its
   * own release then does nothing.
   */
  private hold(client: pg.PoolClient): Promise<pg.PoolClient> | pg.PoolClient {
    if (this.lost.has(client)) {
      client.release(true);
      return this.connect();
    }
    const release = client.release;
    let released = false;
    const releaseOnce = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      this.onLoss.delete(client);
      release(error);
    };
    this.onLoss.set(client, releaseOnce);
    client.release = releaseOnce;
    return client;
  }
}

export function createPool(config: pg.PoolConfig): pg.Pool {
  return new SurvivingPool(config);
}
