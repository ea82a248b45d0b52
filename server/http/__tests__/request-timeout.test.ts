import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../test/test-app.ts';

const { t } = useTestApp({ env: { REQUEST_TIMEOUT_MS: '1000' } });
let port: number;

beforeAll(async () => {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});

/** Sends the headers at once, then the body a byte at a time; resolves with what the server wrote once it closes the socket. */
function trickle(path: string, headers: Record<string, string>, bodyLength: number, everyMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const head = Object.entries({ host: `127.0.0.1:${port}`, 'content-length': String(bodyLength), ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\n${head.join('')}\r\n`);
      timer = setInterval(() => socket.write('x'), everyMs);
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (error) => (received ? undefined : reject(error)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    });
  });
}

it('answers 408 and closes the connection of a client whose body trickles in slower than REQUEST_TIMEOUT_MS', async () => {
  // 1 byte every 200 ms of a 1,000-byte body would take 200 s; the server gives up after about 1 s.
  const answer = await trickle('/native/v1/auth/login', { 'content-type': 'application/json' }, 1_000, 200);
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
}, 30_000);
