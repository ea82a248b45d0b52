import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (0 when it held the request past the sender's timeout). */
  status: number;
}

/** Decides each answer: a status, a delay before answering, a JSON body. */
export type Responder = (request: Omit<Received, 'status'>, index: number) => { status?: number; delayMs?: number; json?: unknown } | undefined;

export interface TestReceiver {
  url: string;
  received: Received[];
  /** Answered 2xx: what a receiver has actually accepted. */
  accepted(): Received[];
  /**
   * The first accepted request of each delivery id, in arrival order: what a receiver that
   * deduplicates processes. (A delivery is sent again when its answer came after the timeout.)
   */
  processed(): Received[];
  respond(responder: Responder): void;
  /** Stops listening (connections refused) until `start` again, on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP endpoint on 127.0.0.1, recording every request, as a customer's receiver would be. */
export async function startReceiver(): Promise<TestReceiver> {
  const received: Received[] = [];
  let responder: Responder = () => undefined;
  const sockets = new Set<Socket>();
  let server: http.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const entry = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
          const answer = responder(entry, received.length) ?? {};
          const record: Received = { ...entry, status: 0 };
          received.push(record);
          setTimeout(() => {
            if (response.destroyed || request.socket.destroyed) return;
            record.status = answer.status ?? 200;
            response.writeHead(record.status, { 'content-type': 'application/json' });
            response.end(JSON.stringify(answer.json ?? { ok: true }));
          }, answer.delayMs ?? 0);
        });
      });
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server = undefined;
    });

  const accepted = () => received.filter((r) => r.status >= 200 && r.status < 300);
  await listen();
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    accepted,
    processed() {
      const seen = new Set<unknown>();
      return accepted().filter((r) => {
        const id = r.headers['x-switchboard-delivery'];
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    },
    respond: (next) => void (responder = next),
    stop,
    start: listen,
    async waitFor(predicate, timeoutMs = 20_000) {
      const started = Date.now();
      while (!predicate(received)) {
        if (Date.now() - started > timeoutMs) throw new Error(`receiver: condition not met after ${timeoutMs} ms; got ${received.length} requests`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: stop,
  };
}
