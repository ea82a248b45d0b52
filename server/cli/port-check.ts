import net from 'node:net';

/**
 * Fails fast, before the database is opened, when the port is taken: the
 * user then reads "port in use" instead of waiting for migrations first.
 */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
