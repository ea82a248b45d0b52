import net from 'node:net';

/** A loopback TCP relay in front of a server, so a test can cut the network between the app and its database. */
export interface TcpProxy {
  port: number;
  /** Resets every connection passing through now, as a network cut does; new connections still pass. */
  cut(): void;
  /** While down, every connection is reset: the target is unreachable (what a restart or failover looks like from the app). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let down = false;
  const reset = (pair: { client: net.Socket; upstream: net.Socket }) => {
    open.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.resetAndDestroy();
  };
  const server = net.createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    open.add(pair);
    // pipe ends one side when the other ends, after passing on what it sent (the server's last error message).
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => reset(pair));
    upstream.on('error', () => reset(pair));
    client.on('close', () => open.delete(pair));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const cutAll = () => [...open].forEach(reset);
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: cutAll,
    setDown(value) {
      down = value;
      if (down) cutAll();
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same connection string, pointed at the proxy. */
export function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

/** Host and port a connection string names (PostgreSQL's default port when it names none). */
export function hostAndPort(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}
