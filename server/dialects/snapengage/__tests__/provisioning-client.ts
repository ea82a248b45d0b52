import type { FastifyInstance } from 'fastify';

/** Helpers shared by the Provisioning API tests (users and widgets); each test file still has its own app. */

export type Method = 'PUT' | 'GET' | 'POST' | 'DELETE';
export type Body = Record<string, unknown>;

export interface Reply {
  status: number;
  /** Parsed JSON, or '' when the response has no body. */
  body: unknown;
}

/** SnapEngage's error answer: the status, and `{code, message}` as body. */
export const error = (status: number, message: string): Reply => ({ status, body: { code: status, message } });
export const ok = (body: unknown): Reply => ({ status: 200, body });

/**
 * `send(method, 'user' | 'widget', query, payload?, key?, contentType?)` against /api/v1/{user,widget}.json.
 * `key` undefined uses the default key, `null` leaves api_key out. A string payload is sent verbatim,
 * labelled `contentType` (application/json by default, none if null); anything else as JSON.
 */
export function provisioningClient(app: () => FastifyInstance, defaultKey: () => string) {
  return async function send(
    method: Method,
    resource: 'user' | 'widget',
    query: Record<string, string>,
    payload?: unknown,
    key: string | null = defaultKey(),
    contentType: string | null = 'application/json',
  ): Promise<Reply> {
    const params = new URLSearchParams({ ...(key !== null && { api_key: key }), ...query });
    const res = await app().inject({
      method,
      url: `/api/v1/${resource}.json?${params}`,
      ...(typeof payload === 'string' && { payload, headers: contentType === null ? {} : { 'content-type': contentType } }),
      ...(payload !== undefined && typeof payload !== 'string' && { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body === '' ? '' : res.json() };
  };
}

const DOMAIN = '@example.com';

/** Fresh addresses: e-mails are unique installation-wide, so every test uses new ones. */
export function emailMaker() {
  let counter = 0;
  return {
    newEmail: (label = 'user') => `${label}${++counter}${DOMAIN}`,
    /** A valid address of exactly `length` characters. */
    emailOfLength: (length: number) => `long${++counter}.`.padEnd(length - DOMAIN.length, 'a') + DOMAIN,
  };
}
