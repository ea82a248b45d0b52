/**
 * The cookies SnapEngage documents, read and written as plain strings so the rules can be
 * tested without a browser. `browserCookies` applies them to `document.cookie`.
 */

/** Set by setUserEmail and on form submit; pre-fills the e-mail field on later visits. */
export const EMAIL_COOKIE = 'SnapABugUserEmail';
/** Set by setUserName; pre-fills the name and is the visitor's alias. */
export const ALIAS_COOKIE = 'SnapABugUserAlias';
/** The former name of the alias cookie, still read and cleared. */
export const LEGACY_NAME_COOKIE = 'SnapABugUserName';
/** Present while proactive invitations are held back after the visitor closed a chat window. */
export const NO_PROACTIVE_COOKIE = 'SnapABugNoProactive';

export const ALL_COOKIES = [EMAIL_COOKIE, ALIAS_COOKIE, LEGACY_NAME_COOKIE, NO_PROACTIVE_COOKIE] as const;

const YEAR_SECONDS = 365 * 24 * 3600;

/** The value of one cookie in a `document.cookie` string, decoded; undefined when absent. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  /** Seconds to live; `0` makes a session cookie; negative deletes. Default: a year. */
  maxAgeSeconds?: number;
  secure?: boolean;
}

/** The string to assign to `document.cookie` to set (or, with a negative age, delete) a cookie for the whole site. */
export function cookieAssignment(name: string, value: string, { maxAgeSeconds = YEAR_SECONDS, secure = false }: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'path=/', 'SameSite=Lax'];
  if (maxAgeSeconds !== 0) parts.push(`max-age=${Math.max(maxAgeSeconds, 0)}`);
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, maxAgeSeconds?: number): void;
  remove(name: string): void;
}

/** What the jar needs of a document; structural, so tests can pass a plain object. */
export interface CookieDocument {
  cookie: string;
  location: { protocol: string } | null;
}

/**
 * The host page's cookies (the widget runs in the page, so these are first-party cookies of the
 * site). Sandboxed and opaque-origin documents throw on `document.cookie`: there the jar is empty.
 */
export function browserCookies(doc: CookieDocument): CookieJar {
  const secure = doc.location?.protocol === 'https:';
  const read = () => {
    try {
      return doc.cookie;
    } catch {
      return '';
    }
  };
  const write = (assignment: string) => {
    try {
      doc.cookie = assignment;
    } catch {
      // No cookies here: the widget works, it only forgets between pages.
    }
  };
  return {
    get: (name) => readCookie(read(), name),
    set: (name, value, maxAgeSeconds) => write(cookieAssignment(name, value, { secure, ...(maxAgeSeconds !== undefined && { maxAgeSeconds }) })),
    remove: (name) => write(cookieAssignment(name, '', { maxAgeSeconds: -1, secure })),
  };
}
