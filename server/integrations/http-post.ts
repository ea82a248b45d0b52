import http from 'node:http';
import https from 'node:https';

export interface PostOutcome {
  statusCode?: number;
  error?: string;
  latencyMs: number;
  /** The start of the response body, for the delivery log (and a bot's answer). */
  responseText: string;
}

/** Kept-alive connections: a busy endpoint gets its events over a few reused sockets. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * POSTs a body and reads at most `maxResponseBytes` of the answer. Never throws: a
 * refused connection or a timeout is an outcome like any status. Redirects are not
 * followed (a webhook URL that moved is a configuration error to show, not to chase).
 */
export function postBody(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, maxResponseBytes = 1_024): Promise<PostOutcome> {
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
        agent: agents[url.protocol as 'http:' | 'https:'],
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
    request.on('error', (error) => finish({ error: error.message || String(error), responseText: '' }));
    request.end(body);
  });
}
