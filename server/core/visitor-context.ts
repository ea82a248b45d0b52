import { isIP } from 'node:net';
import Bowser from 'bowser';
import type { VisitorContext } from './types.ts';

/**
 * What a visitor's browser or app tells us when a chat starts, cleaned into the
 * `VisitorContext` stored with the conversation. Every entry point (widget,
 * vendor APIs) goes through here, so agents see the same fields whatever the
 * client, and nothing oversized or dangerous (e.g. `javascript:` links shown
 * in the console) is stored.
 *
 * Geo stays empty: no npm package ships a city-level GeoIP database under
 * ~100 MB that installs without a download and supports Node 20.
 */

export const URL_MAX = 2048;
export const USER_AGENT_MAX = 1024;
export const FIELDS_MAX = 50;
export const FIELD_NAME_MAX = 100;
export const FIELD_VALUE_MAX = 1000;

export interface VisitorContextInput {
  ip?: string | null;
  userAgent?: string | null;
  pageUrl?: string | null;
  entryUrl?: string | null;
  referrerUrl?: string | null;
  locale?: string | null;
  /** Values that are not strings, numbers or booleans are dropped. */
  customFields?: Record<string, unknown> | null;
  jsVariables?: Record<string, unknown> | null;
}

/** BCP 47 as browsers send it (`en`, `en-GB`), and the underscore form of SnapEngage's `setLocale` (`zh_TW`). */
export const LOCALE_PATTERN = '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$';
const LOCALE = new RegExp(LOCALE_PATTERN);

export function buildVisitorContext(input: VisitorContextInput): VisitorContext {
  const userAgent = input.userAgent?.trim().slice(0, USER_AGENT_MAX);
  const context: VisitorContext = {
    ip: cleanIp(input.ip),
    userAgent: userAgent || undefined,
    ...(userAgent ? describeUserAgent(userAgent) : {}),
    pageUrl: cleanUrl(input.pageUrl),
    entryUrl: cleanUrl(input.entryUrl),
    referrerUrl: cleanUrl(input.referrerUrl),
    locale: input.locale && LOCALE.test(input.locale.trim()) ? input.locale.trim() : undefined,
    customFields: cleanFields(input.customFields),
    jsVariables: cleanFields(input.jsVariables),
  };
  // Stored as JSON: absent fields are left out rather than written as null.
  return Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined)) as VisitorContext;
}

/** An IPv4 address reached over an IPv6 socket (`::ffff:1.2.3.4`) is stored as plain IPv4, so IP bans match either way. */
function cleanIp(ip: string | null | undefined): string | undefined {
  const value = ip?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return value && isIP(value) !== 0 ? value : undefined;
}

/** Only absolute http(s) links: anything else could run script when an agent clicks it. */
function cleanUrl(url: string | null | undefined): string | undefined {
  const value = url?.trim();
  if (!value || value.length > URL_MAX) return undefined;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first FIELDS_MAX usable entries. A name that is too long is dropped (a cut
 * name could collide with another); a long value is cut, keeping what fits.
 */
function cleanFields(fields: Record<string, unknown> | null | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  const kept: Array<[string, string]> = [];
  for (const [rawName, value] of Object.entries(fields)) {
    const name = rawName.trim();
    if (!name || name.length > FIELD_NAME_MAX) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    kept.push([name, String(value).slice(0, FIELD_VALUE_MAX)]);
    if (kept.length === FIELDS_MAX) break;
  }
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** "Chrome 124" and "macOS 10.15": the major browser version, the OS version to the minor (Windows by its marketing name). */
function describeUserAgent(userAgent: string): Pick<VisitorContext, 'browser' | 'os'> {
  const { browser, os } = Bowser.parse(userAgent);
  const browserMajor = browser.version?.split('.')[0];
  const osVersion = os.name === 'Windows' ? os.versionName : os.version?.split('.').slice(0, 2).join('.');
  return {
    browser: browser.name ? [browser.name, browserMajor].filter(Boolean).join(' ') : undefined,
    os: os.name ? [os.name, osVersion].filter(Boolean).join(' ') : undefined,
  };
}
