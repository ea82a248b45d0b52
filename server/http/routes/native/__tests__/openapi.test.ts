import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/test-app.ts';

/** /openapi.json documents the native API, and only it. */

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

const { t } = useTestApp();
let doc: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json();
});

const NATIVE_OPERATIONS = {
  '/native/v1/auth/login': ['post'],
  '/native/v1/auth/logout': ['post'],
  '/native/v1/me': ['get'],
  '/native/v1/me/access-token': ['get', 'post'],
  '/native/v1/widgets': ['get', 'post'],
  '/native/v1/widgets/{id}': ['get', 'patch', 'delete'],
  '/native/v1/users': ['get', 'post'],
  '/native/v1/users/{id}': ['patch', 'delete'],
  '/native/v1/api-keys': ['get', 'post'],
  '/native/v1/api-keys/{id}': ['delete'],
  '/native/v1/conversations/{id}/attachments': ['post'],
  '/native/v1/attachments/{id}': ['get'],
  '/native/v1/conversations': ['get'],
  '/native/v1/conversations/search': ['get'],
  '/native/v1/conversations/{id}': ['get'],
  '/native/v1/conversations/{id}/messages': ['get'],
  '/native/v1/contacts/{id}': ['patch'],
  '/native/v1/contacts/{id}/conversations': ['get'],
  '/native/v1/widgets/{id}/hub-links': ['get', 'put'],
  '/native/v1/widgets/{id}/snippet': ['get'],
  '/native/v1/team': ['get'],
  '/native/v1/organization': ['get', 'patch'],
  '/native/v1/widgets/{id}/ui-settings': ['get', 'put'],
  '/native/v1/public/widgets/{id}': ['get'],
  '/native/v1/public/conversations/{id}/transcript': ['post'],
  '/native/v1/public/conversations/{id}/notes': ['post'],
  '/native/v1/public/conversations/{id}/attachments': ['post'],
  '/native/v1/public/attachments/{id}': ['get'],
  '/native/v1/webhook-formats': ['get'],
  '/native/v1/webhooks': ['get', 'post'],
  '/native/v1/webhooks/{id}': ['get', 'patch', 'delete'],
  '/native/v1/webhooks/{id}/deliveries': ['get'],
  '/native/v1/webhook-deliveries/{id}': ['get'],
  '/native/v1/webhook-deliveries/{id}/replay': ['post'],
  '/native/v1/bot-protocols': ['get'],
  '/native/v1/bots': ['get', 'post'],
  '/native/v1/bots/{id}': ['get', 'patch'],
};
const WITH_BODY = ['POST /native/v1/auth/login', 'POST /native/v1/widgets', 'PATCH /native/v1/widgets/{id}', 'POST /native/v1/users', 'PATCH /native/v1/users/{id}', 'POST /native/v1/api-keys', 'PATCH /native/v1/contacts/{id}', 'PUT /native/v1/widgets/{id}/hub-links', 'PUT /native/v1/widgets/{id}/ui-settings', 'PATCH /native/v1/organization', 'POST /native/v1/public/conversations/{id}/transcript', 'POST /native/v1/public/conversations/{id}/notes', 'POST /native/v1/webhooks', 'PATCH /native/v1/webhooks/{id}', 'POST /native/v1/bots', 'PATCH /native/v1/bots/{id}'];

const operations = () =>
  Object.entries(NATIVE_OPERATIONS).flatMap(([path, methods]) => methods.map((method) => ({ path, method, operation: doc.paths[path]?.[method] })));

describe('GET /openapi.json', () => {
  it('lists exactly the native paths and methods (HEAD aside), and no vendor dialect', () => {
    const native = Object.fromEntries(
      Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/native/'))
        .map(([path, item]) => [path, Object.keys(item).filter((m) => m !== 'head').sort()]),
    );
    expect(native).toEqual(Object.fromEntries(Object.entries(NATIVE_OPERATIONS).map(([p, m]) => [p, [...m].sort()])));
    expect(doc.paths).not.toHaveProperty(['/api/v1/user.json']);
    expect(doc.paths).not.toHaveProperty(['/api/v1/widget.json']);
  });

  it('gives every native operation tags, a summary, a success and an error response', () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation?.tags?.length, where).toBeGreaterThan(0);
      expect(operation?.summary, where).toEqual(expect.any(String));
      expect(Object.keys(operation!.responses).some((status) => /^2\d\d$/.test(status)), where).toBe(true);
      expect(operation!.responses, where).toHaveProperty('4XX');
      expect(Boolean(operation!.requestBody), where).toBe(WITH_BODY.includes(where));
    }
  });

  it('marks login as open, files as for agents or visitors, and everything else as needing the session cookie or a bearer key', () => {
    for (const { path, method, operation } of operations()) {
      const expected =
        path === '/native/v1/auth/login' || path === '/native/v1/public/widgets/{id}'
          ? []
          : path.startsWith('/native/v1/public/')
            ? [{ visitorToken: [] }]
            : path.includes('attachments')
            ? [{ session: [] }, { visitorToken: [] }]
            : [{ session: [] }, { bearer: [] }];
      expect(operation?.security, `${method} ${path}`).toEqual(expected);
    }
  });

  it('never documents password or secret hashes', () => {
    expect(JSON.stringify(doc)).not.toMatch(/passwordHash|secretHash|password_hash|secret_hash/);
  });
});
