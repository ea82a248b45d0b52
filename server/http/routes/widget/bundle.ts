import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run build:widget` writes the script (dist/ is not committed). */
export const WIDGET_DIST_DIR = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'dist', 'widget');
const BUNDLE_FILE = 'widget.js';

export interface WidgetBundle {
  body: Buffer;
  /** Served to clients that accept gzip: the script is text and shrinks to a third. */
  gzipped: Buffer;
  /** Strong validator derived from the content: a new build is a new ETag. */
  etag: string;
}

/**
 * Reads the built script once and again only when the file changes (a rebuild while the
 * server runs). Resolves to undefined while the widget is not built.
 */
export function widgetBundleReader(dir: string = WIDGET_DIST_DIR): () => Promise<WidgetBundle | undefined> {
  const file = path.join(dir, BUNDLE_FILE);
  let cached: { mtimeMs: number; bundle: WidgetBundle } | undefined;
  return async () => {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    if (cached?.mtimeMs !== info.mtimeMs) {
      const body = await readFile(file);
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      cached = { mtimeMs: info.mtimeMs, bundle: { body, gzipped: gzipSync(body, { level: 9 }), etag } };
    }
    return cached.bundle;
  };
}
