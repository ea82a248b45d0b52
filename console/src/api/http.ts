/**
 * The native API over fetch. The session cookie travels by itself (same origin,
 * HttpOnly); errors become ApiError carrying the server's words, which screens show as they are.
 * Every call sends `x-requested-with`: the server refuses a request that changes data on the
 * cookie's authority without it, since a page of another origin cannot add it (CSRF; docs/security.md).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = '/native/v1';

/** Called when any request answers 401: the session ended, so the app shows the sign-in screen. */
let onUnauthorized: () => void = () => {};
export function handleUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

type Query = Record<string, string | number | string[] | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string; field?: string } } | undefined;
  if (body?.error) return new ApiError(response.status, body.error.code, body.error.message, body.error.field);
  if (response.status === 429) return new ApiError(429, 'rate_limited', 'Too many attempts. Wait a minute and try again.');
  return new ApiError(response.status, 'http', `The server answered ${response.status} ${response.statusText}.`);
}

export async function request<T>(method: string, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(BASE + withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: { 'x-requested-with': 'XMLHttpRequest', ...(options.body !== undefined && { 'content-type': 'application/json' }) },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection; the console retries when you act again.');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && path !== '/auth/login') onUnauthorized();
    throw error;
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
