import { describe, expect, it } from 'vitest';
import { buildVisitorContext, FIELDS_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX, URL_MAX, USER_AGENT_MAX } from '../visitor-context.ts';

/** buildVisitorContext: user-agent parsing, IP and URL hygiene, field limits. */

const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const WINDOWS_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';
/** The user agent of SnapEngage's "Start new chat" sample request. */
const REFERENCE_SAMPLE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_2) AppleWebKit/537.17 (KHTML, like Gecko) Chrome/24.0.1309.0 Safari/537.17';

describe('buildVisitorContext: user agent', () => {
  it.each([
    [MAC_CHROME, 'Chrome 124', 'macOS 10.15'],
    [WINDOWS_FIREFOX, 'Firefox 125', 'Windows 10'],
    [IPHONE_SAFARI, 'Safari 17', 'iOS 17.4'],
    [ANDROID_CHROME, 'Chrome 124', 'Android 14'],
    [REFERENCE_SAMPLE, 'Chrome 24', 'macOS 10.8'],
  ])('%s is %s on %s', (userAgent, browser, os) => {
    expect(buildVisitorContext({ userAgent })).toEqual({ userAgent, browser, os });
  });

  it('keeps an app user agent it cannot name, without browser or OS', () => {
    expect(buildVisitorContext({ userAgent: 'My Mobile App/1.0' })).toEqual({ userAgent: 'My Mobile App/1.0' });
  });

  it('stores no user agent for a blank one, and cuts an oversized one', () => {
    expect(buildVisitorContext({ userAgent: '   ' })).toEqual({});
    const long = MAC_CHROME + ' x'.repeat(USER_AGENT_MAX);
    expect(buildVisitorContext({ userAgent: long }).userAgent).toBe(long.slice(0, USER_AGENT_MAX));
  });
});

describe('buildVisitorContext: IP address and geo', () => {
  it('keeps IPv4 and IPv6 addresses, and stores IPv4-mapped IPv6 as IPv4', () => {
    expect(buildVisitorContext({ ip: '203.0.113.9' })).toEqual({ ip: '203.0.113.9' });
    expect(buildVisitorContext({ ip: '2001:db8::1' })).toEqual({ ip: '2001:db8::1' });
    expect(buildVisitorContext({ ip: '::ffff:198.51.100.7' })).toEqual({ ip: '198.51.100.7' });
  });

  it('drops what is not an IP address', () => {
    expect(buildVisitorContext({ ip: 'localhost' })).toEqual({});
    expect(buildVisitorContext({ ip: '999.1.1.1' })).toEqual({});
    expect(buildVisitorContext({ ip: '' })).toEqual({});
  });

  it('leaves geo empty for public, private and loopback addresses (no offline GeoIP database is shipped)', () => {
    for (const ip of ['8.8.8.8', '10.0.0.1', '127.0.0.1', '::1']) expect(buildVisitorContext({ ip }).geo).toBeUndefined();
  });
});

describe('buildVisitorContext: URLs', () => {
  it('keeps absolute http and https URLs', () => {
    const urls = { pageUrl: 'https://shop.example/cart?item=1', entryUrl: 'http://shop.example/', referrerUrl: 'https://search.example/?q=shoes' };
    expect(buildVisitorContext(urls)).toEqual(urls);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://files.example/a', '/relative/path', 'not a url', ''])('drops %j', (url) => {
    expect(buildVisitorContext({ pageUrl: url, entryUrl: url, referrerUrl: url })).toEqual({});
  });

  it(`keeps a URL of exactly ${URL_MAX} characters and drops a longer one`, () => {
    const base = 'https://shop.example/?q=';
    const longest = base + 'a'.repeat(URL_MAX - base.length);
    expect(buildVisitorContext({ pageUrl: longest }).pageUrl).toBe(longest);
    expect(buildVisitorContext({ pageUrl: longest + 'a' }).pageUrl).toBeUndefined();
  });
});

describe('buildVisitorContext: locale', () => {
  it.each(['en', 'en-GB', 'zh_TW', 'fr-CA'])('keeps %s', (locale) => {
    expect(buildVisitorContext({ locale })).toEqual({ locale });
  });

  it.each(['english please', 'e', '<script>', 'en-GB-'])('drops %j', (locale) => {
    expect(buildVisitorContext({ locale })).toEqual({});
  });
});

describe('buildVisitorContext: custom fields and JS variables', () => {
  it('keeps strings and writes numbers and booleans as text; drops objects, arrays and null', () => {
    const fields = { plan: 'gold', seats: 5, trial: false, nested: { a: 1 }, list: [1], nothing: null };
    const expected = { plan: 'gold', seats: '5', trial: 'false' };
    expect(buildVisitorContext({ customFields: fields, jsVariables: fields })).toEqual({ customFields: expected, jsVariables: expected });
  });

  it(`keeps the first ${FIELDS_MAX} entries`, () => {
    const many = Object.fromEntries(Array.from({ length: FIELDS_MAX + 5 }, (_, i) => [`field${i}`, `v${i}`]));
    const kept = buildVisitorContext({ customFields: many }).customFields!;
    expect(Object.keys(kept)).toHaveLength(FIELDS_MAX);
    expect(kept[`field${FIELDS_MAX - 1}`]).toBe(`v${FIELDS_MAX - 1}`);
    expect(kept[`field${FIELDS_MAX}`]).toBeUndefined();
  });

  it(`drops names longer than ${FIELD_NAME_MAX} characters or blank, and cuts values to ${FIELD_VALUE_MAX}`, () => {
    const longestName = 'n'.repeat(FIELD_NAME_MAX);
    const context = buildVisitorContext({
      jsVariables: { [longestName]: 'ok', [longestName + 'n']: 'too long', '  ': 'blank', note: 'x'.repeat(FIELD_VALUE_MAX + 10) },
    });
    expect(context.jsVariables).toEqual({ [longestName]: 'ok', note: 'x'.repeat(FIELD_VALUE_MAX) });
  });

  it('a dropped entry does not count towards the limit', () => {
    const fields = { ['n'.repeat(FIELD_NAME_MAX + 1)]: 'dropped', ...Object.fromEntries(Array.from({ length: FIELDS_MAX }, (_, i) => [`f${i}`, 'v'])) };
    expect(Object.keys(buildVisitorContext({ customFields: fields }).customFields!)).toHaveLength(FIELDS_MAX);
  });

  it('stores nothing for empty or missing maps', () => {
    expect(buildVisitorContext({ customFields: {}, jsVariables: null })).toEqual({});
  });
});
