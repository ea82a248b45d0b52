/**
 * The host name in an `Origin` or `Referer` header, to check a widget's allowed domains.
 * Undefined when the header is missing, opaque (`null`) or not a URL: the check is then skipped,
 * as for non-browser clients, which send neither.
 */
export function hostOf(header: string | undefined): string | undefined {
  if (!header || header === 'null') return undefined;
  try {
    return new URL(header).hostname;
  } catch {
    return undefined;
  }
}
