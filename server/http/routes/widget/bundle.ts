import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run build:widget` writes the script and its language files (dist/ is not committed). */
export const WIDGET_DIST_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'dist', 'widget');

export interface BuiltFile {
  body: Buffer;
  /** Served to clients that accept gzip: the files are text and shrink to a third. */
  gzipped: Buffer;
  /** Strong validator derived from the content: a new build is a new ETag. */
  etag: string;
}

/**
 * Reads a file of the widget build once, and again only when it changes on disk (a rebuild while
 * the server runs). Resolves to undefined for files the build did not write.
 */
export function builtFileReader(dir: string = WIDGET_DIST_DIR): (name: string) => Promise<BuiltFile | undefined> {
  const cache = new Map<string, { mtimeMs: number; file: BuiltFile }>();
  return async (name) => {
    const location = path.join(dir, name);
    const info = await stat(location).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(name);
    if (cached?.mtimeMs === info.mtimeMs) return cached.file;
    const body = await readFile(location);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const file = { body, gzipped: gzipSync(body, { level: 9 }), etag };
    cache.set(name, { mtimeMs: info.mtimeMs, file });
    return file;
  };
}
