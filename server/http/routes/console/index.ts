import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:console` writes the app (see console/vite.config.ts). */
const defaultDistFolder = path.resolve(import.meta.dirname, '../../../../dist/console');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The console may frame the Hub SDK pages an admin configured (any http(s) origin; which
 * of them may talk back is checked in the app), and no site may frame the console.
 */
export const CONSOLE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; media-src 'self' data:; frame-src https: http:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Resolves a request path inside the dist folder; undefined for anything that escapes it. */
function fileInside(root: string, urlPath: string): string | undefined {
  const relative = decodeURIComponent(urlPath.replace(/^\/console\/?/, '').split('?')[0]!);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

/**
 * `/console` and everything under it: built files as they are, any other path gets
 * index.html so the app's own router handles deep links (/console/chats/…, /console/admin/…).
 * A checkout that was never built answers 503 with the command to run.
 */
export async function consoleApp(app: FastifyInstance, options: { distFolder?: string } = {}) {
  const root = options.distFolder ?? defaultDistFolder;

  const sendIndex = async (reply: FastifyReply) => {
    const index = path.join(root, 'index.html');
    if (!(await isFile(index))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The console has not been built. Run `npm run build` (or `npm run build:console`), then reload this page.');
    }
    return reply.headers(CONSOLE_SECURITY_HEADERS).header('cache-control', 'no-cache').type(CONTENT_TYPES['.html']!).send(await readFile(index));
  };

  app.get('/console', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
    let file: string | undefined;
    try {
      file = fileInside(root, request.url);
    } catch {
      file = undefined; // a malformed %-escape names no file
    }
    if (!file || !(await isFile(file))) {
      // A missing asset is a 404; anything that looks like a screen is the app.
      if (path.extname(request.url.split('?')[0]!) !== '') return reply.code(404).type('text/plain; charset=utf-8').send('not found');
      return sendIndex(reply);
    }
    // Vite puts a content hash in every name under assets/, so those never change.
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    return reply
      .headers(CONSOLE_SECURITY_HEADERS)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
      .send(await readFile(file));
  });
}
