import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  output: () => string;
  /** Resolves when stdout contains the text. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Runs the real `switchboard` binary as a separate process, the way a user does. */
export function runCli(args: string[], env: Record<string, string>, nodeArgs: string[] = []): RunningCli {
  const child = spawn(process.execPath, [...nodeArgs, binPath, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      // A null code means a signal ended the process; say which, for the failure message.
      if (signal) out += `\n[exited on ${signal}]\n`;
      resolve(code);
    }),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          const found = typeof text === 'string' ? out.includes(text) : text.test(out);
          if (found) return resolve(out);
          if (child.exitCode !== null) return reject(new Error(`process exited (${child.exitCode}) before "${text}":\n${out}`));
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for "${text}":\n${out}`));
          setTimeout(check, 50);
        };
        check();
      });
    },
  };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
