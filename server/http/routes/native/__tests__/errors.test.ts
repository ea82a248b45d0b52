import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { notFound } from '../../../../core/errors.ts';
import { useTestApp } from '../../../../test/test-app.ts';
import { nativeErrorHandler } from '../../../plugins/native-errors.ts';
import { bearer, call, type Credentials, expectError, expectRejectedWithoutChange } from './native-test-kit.ts';

/** The native error shape for failures raised by fastify itself, and what the handler logs. */

const { t, tenant } = useTestApp({ tenants: 1 });
let admin: Credentials;

beforeAll(async () => {
  admin = bearer(tenant.apiKey);
});

describe('error responses', () => {
  it('carry the caller’s x-request-id, in the body and the header', async () => {
    const response = await call(t.app, 'GET', '/widgets/none', { credentials: admin, headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.json()).toStrictEqual({ error: { code: 'not_found', message: 'widget not found', requestId: 'trace-123' } });
  });

  it('answer unknown paths and methods with a native 404, credentials or not', async () => {
    expectError(await call(t.app, 'GET', '/nothing-here'), { status: 404, code: 'not_found', message: 'no endpoint GET /native/v1/nothing-here' });
    expectError(await call(t.app, 'PUT', '/widgets?x=1', { credentials: admin, payload: {} }), {
      status: 404,
      code: 'not_found',
      message: 'no endpoint PUT /native/v1/widgets',
    });
  });

  it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded'])('answer a %s body with 415', async (type) => {
    await expectRejectedWithoutChange(
      t.core,
      tenant.organizationId,
      () => call(t.app, 'POST', '/widgets', { credentials: admin, headers: { 'content-type': type }, payload: 'name=Widget' }),
      { status: 415, code: 'unsupported_media_type', message: 'unsupported content type; send application/json' },
    );
  });

  it('take an empty body labelled JSON as no body, as fetch helpers send on bodiless calls', async () => {
    const json = { 'content-type': 'application/json' };
    const { id } = (await call(t.app, 'POST', '/widgets', { credentials: admin, payload: { name: 'To delete' } })).json().widget;
    expect((await call(t.app, 'DELETE', `/widgets/${id}`, { credentials: admin, headers: json, payload: '' })).statusCode).toBe(204);
    // Where a body is required, its absence is still a 400 naming it.
    const empty = () => call(t.app, 'POST', '/widgets', { credentials: admin, headers: json, payload: '' });
    await expectRejectedWithoutChange(t.core, tenant.organizationId, empty, { status: 400, code: 'invalid', field: 'body', message: 'body must be of type object' });
  });

  it('answer a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(1_100_000) });
    await expectRejectedWithoutChange(
      t.core,
      tenant.organizationId,
      () => call(t.app, 'POST', '/widgets', { credentials: admin, headers: { 'content-type': 'application/json' }, payload: huge }),
      { status: 413, code: 'too_large', message: 'request body is too large' },
    );
  });

  it.each([
    ['malformed JSON', '{"name": ', { message: 'request body is not valid JSON' }],
    ['a JSON array', '[]', { field: 'body', message: 'body must be of type object' }],
  ])('answer %s with 400', async (_case, payload, expected) => {
    const send = () => call(t.app, 'POST', '/widgets', { credentials: admin, headers: { 'content-type': 'application/json' }, payload });
    await expectRejectedWithoutChange(t.core, tenant.organizationId, send, { status: 400, code: 'invalid', ...expected });
  });

  it('stay inside the native API: a vendor dialect keeps its own error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/user.json?email=a@example.com' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).not.toHaveProperty('error.requestId');
  });
});

describe('nativeErrorHandler', () => {
  function fakes() {
    const log = { error: vi.fn() };
    const request = { id: 'req-1', log } as unknown as FastifyRequest;
    const reply = { code: vi.fn(), send: vi.fn() };
    reply.code.mockReturnValue(reply);
    return { log, request, reply: reply as unknown as FastifyReply & typeof reply };
  }

  it('hides an unexpected failure behind a 500 and logs it with its stack', () => {
    const { log, request, reply } = fakes();
    const failure = new Error('connection reset by database');

    nativeErrorHandler(failure as FastifyError, request, reply);

    expect(reply.code).toHaveBeenCalledWith(500);
    expect(reply.send).toHaveBeenCalledWith({ error: { code: 'internal', message: 'internal server error', requestId: 'req-1' } });
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error).toHaveBeenCalledWith({ err: failure }, 'request failed');
  });

  it('does not log the caller’s mistakes', () => {
    const { log, request, reply } = fakes();
    nativeErrorHandler(notFound('widget not found') as unknown as FastifyError, request, reply);
    expect(reply.code).toHaveBeenCalledWith(404);
    expect(log.error).not.toHaveBeenCalled();
  });
});
