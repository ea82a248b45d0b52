import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect } from 'vitest';
import { createUser } from '../../../core/commands/create-user.ts';
import { issueAccessToken } from '../../../core/commands/issue-access-token.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { getUserByEmail } from '../../../core/queries/users.ts';
import type { User } from '../../../core/types.ts';
import { useTestApp } from '../../../test/test-app.ts';

/**
 * What the sign-in, agent and inbox tests share: two accounts, people with access tokens, and a
 * client that calls as Chatwoot's clients do (token in `api_access_token`, JSON or a form body).
 */

export const PASSWORD = 'agent password 1';
export const NOT_FOUND = { error: 'Resource could not be found' };
export const NOT_ALLOWED = { error: 'You are not authorized to do this action' };
export const BASE58_24 = /^[1-9A-HJ-NP-Za-km-z]{24}$/;
export const AGENT_KEYS = ['id', 'account_id', 'availability_status', 'auto_offline', 'confirmed', 'email', 'provider', 'available_name', 'custom_attributes', 'name', 'role', 'thumbnail'];

export interface Person {
  user: User;
  /** A personal access token. */
  token: string;
}

export interface CallOptions {
  token?: string;
  payload?: unknown;
  /** An urlencoded body, sent as such. */
  form?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

let emailCounter = 0;
export const newEmail = (label: string) => `${label}${++emailCounter}-${process.pid}@chatwoot.test`;

export function expectStatus(response: LightMyRequestResponse, status: number, body?: unknown) {
  expect(response.statusCode, response.body).toBe(status);
  if (body !== undefined) expect(response.json()).toEqual(body);
}

/** A 422 in Chatwoot's record-invalid shape, naming the field. */
export function expectInvalid(response: LightMyRequestResponse, field: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(response.json()).toEqual({ message: expect.stringContaining(field), attributes: [field] });
}

/**
 * useTestApp with two accounts: `tenant`'s admin and an agent ("Zoe Agent", password PASSWORD),
 * and `other`'s admin, each with a personal token. Like useTestApp's handles, `people` is filled
 * by a beforeAll, so read its fields only in tests and hooks.
 */
export function usePeopleApi() {
  const { t, tenant, other } = useTestApp({ tenants: 2 });
  const people = {} as { account: number; otherAccount: number; admin: Person; agent: Person; otherAdmin: Person };

  async function person(organizationId: string, email: string): Promise<Person> {
    const user = (await getUserByEmail(t.core, organizationId, email))!;
    const { token } = await issueAccessToken(t.core, organizationId, user.id, 'personal');
    return { user, token };
  }

  /** A new user of `tenant` with a password and a token. */
  async function newPerson(name: string, role: 'admin' | 'agent' = 'agent'): Promise<Person> {
    const email = newEmail(name.toLowerCase().replace(/\W/g, ''));
    await createUser(t.core, tenant.organizationId, { email, name, role, password: PASSWORD });
    return person(tenant.organizationId, email);
  }

  beforeAll(async () => {
    people.account = (await getOrganization(t.core, tenant.organizationId))!.accountNumber;
    people.otherAccount = (await getOrganization(t.core, other.organizationId))!.accountNumber;
    people.admin = await person(tenant.organizationId, tenant.adminEmail);
    people.otherAdmin = await person(other.organizationId, other.adminEmail);
    people.agent = await newPerson('Zoe Agent');
  });

  function cw(method: InjectOptions['method'], url: string, options: CallOptions = {}) {
    return t.app.inject({
      method,
      url,
      headers: {
        ...(options.token !== undefined && { api_access_token: options.token }),
        ...(options.form !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
        ...options.headers,
      },
      ...(options.payload !== undefined && { payload: options.payload as InjectOptions['payload'] }),
      ...(options.form !== undefined && { payload: options.form }),
      ...(options.remoteAddress !== undefined && { remoteAddress: options.remoteAddress }),
    });
  }

  const accountPath = (path: string, id = people.account) => `/api/v1/accounts/${id}${path}`;

  /** A user public id that exists in the other account and not in ours: it must be a 404 here. */
  async function idOnlyInOtherAccount(): Promise<number> {
    const listed = await cw('GET', accountPath('/agents'), { token: people.admin.token });
    const highest = Math.max(...(listed.json() as Array<{ id: number }>).map((a) => a.id));
    for (;;) {
      const user = await createUser(t.core, other.organizationId, { email: newEmail('foreign'), name: 'Foreign' });
      if (user.publicId > highest) return user.publicId;
    }
  }

  return { t, tenant, other, people, newPerson, cw, accountPath, idOnlyInOtherAccount };
}
