/**
 * Whether an `Origin` (or `Referer`) a browser sent names this server: as the browser addressed it
 * (`host`, which a page cannot forge) or as configured in PUBLIC_URL (behind a proxy that rewrites
 * Host). Another port or subdomain of the same host is another origin.
 */
export function isOwnOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  try {
    const url = new URL(origin);
    return url.host === host || url.origin === new URL(publicUrl).origin;
  } catch {
    // "null" (sandboxed frames, some redirects) and anything unparsable are nobody we know.
    return false;
  }
}
