import http from 'node:http';
import https from 'node:https';
import { isPublicAddress, literalAddress } from '../core/outbound-target.ts';
import { publicOnlyLookup, TARGET_NOT_ALLOWED, TargetNotAllowedError } from './public-lookup.ts';

export interface PostOptions {
  timeoutMs: number;
  /** The answer is read up to this many bytes. */
  maxResponseBytes: number;
  /** ALLOW_PRIVATE_WEBHOOK_TARGETS: without it only public addresses are connected to. */
  allowPrivateTargets: boolean;
}

export interface PostOutcome {
  statusCode?: number;
  error?: string;
  latencyMs: number;
  /** The start of the response body, for the delivery log (and a bot's answer). */
  responseText: string;
  /** The target's address is refused by the policy: nothing was sent, and trying again changes nothing. */
  targetDenied?: true;
}

/** Kept-alive connections: a busy endpoint gets its events over a few reused sockets. */
const pooling = { keepAlive: true, maxSockets: 256 };
/**
 * One pool per policy, so a connection opened where private targets are allowed is never
 * reused where they are not (tests run both in one process).
 */
const agents = {
  publicOnly: { 'http:': new http.Agent({ ...pooling, lookup: publicOnlyLookup }), 'https:': new https.Agent({ ...pooling, lookup: publicOnlyLookup }) },
  any: { 'http:': new http.Agent(pooling), 'https:': new https.Agent(pooling) },
};

const denied: PostOutcome = { error: TARGET_NOT_ALLOWED, latencyMs: 0, responseText: '', targetDenied: true };

/**
 * POSTs a body and reads at most `maxResponseBytes` of the answer. Never throws: a
 * refused connection or a timeout is an outcome like any status. Redirects are not
 * followed (a webhook URL that moved is a configuration error to show, not to chase,
 * and a redirect could point anywhere, past the address check).
 */
export function postBody(url: URL, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostOutcome> {
  const { timeoutMs, maxResponseBytes, allowPrivateTargets } = options;
  // Sockets skip the lookup for an address literal, so a literal is judged here.
  const literal = literalAddress(url);
  if (!allowPrivateTargets && literal !== undefined && !isPublicAddress(literal)) return Promise.resolve(denied);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        agent: agents[allowPrivateTargets ? 'any' : 'publicOnly'][url.protocol as 'http:' | 'https:'],
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < maxResponseBytes) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          finish({ statusCode: response.statusCode, responseText: Buffer.concat(chunks).subarray(0, maxResponseBytes).toString('utf8') }),
        );
        response.on('error', (error) => finish({ error: error.message, responseText: '' }));
      },
    );
    const timer = setTimeout(() => {
      finish({ error: `timed out after ${timeoutMs} ms`, responseText: '' });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => finish(error instanceof TargetNotAllowedError ? denied : { error: error.message || String(error), responseText: '' }));
    request.end(body);
  });
}
