import type { FastifyInstance } from 'fastify';
import { beforeAll, expect } from 'vitest';
import { createWidget } from '../../../core/commands/create-widget.ts';
import { issueAccessToken } from '../../../core/commands/issue-access-token.ts';
import { setAgentPresence } from '../../../core/commands/set-agent-presence.ts';
import type { Core } from '../../../core/context.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { getUserByEmail } from '../../../core/queries/users.ts';
import type { User, Widget } from '../../../core/types.ts';
import { createAgent } from '../../../test/factories.ts';
import { useTestApp, type TestTenant } from '../../../test/test-app.ts';

/**
 * A Chatwoot account as the contacts, conversations and messages tests use it: the tenant's
 * admin and an agent with their personal tokens, an API inbox and a web widget inbox both
 * answered by the agent (online), and a small client speaking Chatwoot's paths and header.
 */
export interface ChatwootAccount {
  accountId: number;
  admin: User;
  adminToken: string;
  agent: User;
  agentToken: string;
  apiInbox: Widget;
  webInbox: Widget;
}

export async function setUpAccount(core: Core, tenant: TestTenant): Promise<ChatwootAccount> {
  const organizationId = tenant.organizationId;
  const admin = (await getUserByEmail(core, organizationId, tenant.adminEmail))!;
  const agent = await createAgent(core, organizationId, { presence: 'online' });
  const members = [{ userId: agent.id, alias: agent.name }];
  const apiInbox = await createWidget(core, organizationId, { name: 'API inbox', members, channel: { type: 'api', callbackFormat: 'chatwoot', callbackUrl: null } });
  const webInbox = await createWidget(core, organizationId, { name: 'Web inbox', members });
  await setAgentPresence(core, organizationId, admin.id, 'offline');
  return {
    accountId: (await getOrganization(core, organizationId))!.accountNumber,
    admin,
    adminToken: (await issueAccessToken(core, organizationId, admin.id, 'personal')).token,
    agent,
    agentToken: (await issueAccessToken(core, organizationId, agent.id, 'personal')).token,
    apiInbox,
    webInbox,
  };
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is with this content type (urlencoded or multipart); `body` is then ignored. */
  raw?: { payload: string | Buffer; contentType: string };
  accountId?: number;
}

/** `METHOD /api/v1/accounts/{account}/<path>` with `api_access_token` (the admin's unless given; null: none). */
export function client(app: () => FastifyInstance, account: () => ChatwootAccount) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: CallOptions = {}) => {
    const token = options.token === undefined ? account().adminToken : options.token;
    const response = await app().inject({
      method,
      url: `/api/v1/accounts/${options.accountId ?? account().accountId}${path}`,
      headers: {
        ...(token !== null && { api_access_token: token }),
        ...(options.raw && { 'content-type': options.raw.contentType }),
      },
      ...(options.raw ? { payload: options.raw.payload } : options.body !== undefined && { payload: options.body as object }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() };
  };
}

/** A multipart/form-data body as codegen clients build it: string fields, files as `attachments[]`. */
export function multipart(fields: Record<string, string>, files: Array<{ name: string; type: string; data: Buffer }> = []) {
  const boundary = '----chatwootTestBoundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments[]"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The setup the account-level test files share: one app, two Chatwoot accounts (the first is the
 * one tests act as, the second another tenant), and a client for each. As with useTestApp, the
 * accounts exist only once its beforeAll has run: read `accounts` inside tests and hooks.
 */
export function useChatwootAccounts() {
  const { t, tenant, other } = useTestApp({ tenants: 2 });
  const accounts = {} as { account: ChatwootAccount; other: ChatwootAccount };
  beforeAll(async () => {
    accounts.account = await setUpAccount(t.core, tenant);
    accounts.other = await setUpAccount(t.core, other);
  });
  return {
    t,
    tenant,
    other,
    accounts,
    call: client(() => t.app, () => accounts.account),
    otherCall: client(() => t.app, () => accounts.other),
  };
}

/** Chatwoot's 401 for an action the caller's role may not do, as `call` answers it. */
export const NOT_ALLOWED = { status: 401, body: { error: 'You are not authorized to do this action' } };

/** A webhook's and a raw row's time: ISO 8601 with milliseconds. */
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Chatwoot's 404 body. */
export const NOT_FOUND = { status: 404, body: { error: 'Resource could not be found' } };

export function expectUnixSeconds(value: unknown) {
  expect(Number.isInteger(value)).toBe(true);
  expect(Math.abs((value as number) - Date.now() / 1000)).toBeLessThan(120);
}
