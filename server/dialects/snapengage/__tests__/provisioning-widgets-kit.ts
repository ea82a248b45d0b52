import { randomUUID } from 'node:crypto';
import { beforeAll, expect } from 'vitest';
import { getWidgets } from '../../../core/queries/widgets.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { emailMaker, ok, provisioningClient, type Body } from './provisioning-client.ts';

/** Setup, requests and bodies shared by the Provisioning API widget tests (PUT/GET/POST/DELETE /api/v1/widget.json). */

export const { newEmail, emailOfLength } = emailMaker();

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Uuids that name no widget, each made fresh per test: [case, make]. Both must be 404s. */
export const UNKNOWN_UUIDS: Array<[string, () => string]> = [
  ['an unknown uuid', () => randomUUID()],
  ['a malformed uuid', () => 'nope'],
];

/** The reference's example: Monday with a lunch break, i.e. two entries for one day. */
export const SPLIT_MONDAY = {
  timeZone: 'US/Mountain',
  schedules: [
    { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['9:00 AM', '12:00 PM'] },
    { dayOfWeek: 'MONDAY', enabled: true, scheduleList: ['1:00 PM', '5:00 PM'] },
  ],
};

/** A valid agent entry with a fresh e-mail. */
export const agent = (overrides: Body = {}): Body => ({
  agentId: newEmail('agent'),
  agentAlias: 'An Agent',
  agentAvatar: 'https://www.website.com/agent.png',
  agentType: 'webclient',
  ...overrides,
});

/** The answer for a widget stored from `body`, for bodies already in the answer's form (lower-case e-mails, string enableProactiveChat). */
export const expectedWidget = (body: Body, uuid: string) => ({
  name: body.name,
  email: body.email,
  destinationEmail: body.destinationEmail,
  uuid,
  agents: (body.agents as Body[]).map((a) => ({ ...a, agentId: `wc:${String(a.agentId)}` })),
  enableProactiveChat: body.enableProactiveChat,
  enableConversations: body.enableConversations,
  conversationSchedule: body.conversationSchedule,
  onlineButtonUrl: null,
  offlineButtonUrl: null,
  proactiveSettings: null,
});

/** The accounts (user e-mails) the widgets belong to; readable once useWidgetProvisioning's beforeAll has run. */
export interface Accounts {
  /** The account of organization A that owns the widgets tests create. */
  readonly owner: string;
  /** An account of organization B. */
  readonly otherOwner: string;
}

/**
 * The setup every widget test file shares: useTestApp with organization A (`tenant`, the one tests
 * act as) and B (`other`, for isolation tests), a beforeAll that creates an account in each, and
 * the requests and helpers bound to them. Read `accounts` only in tests and hooks, as with useTestApp.
 */
export function useWidgetProvisioning() {
  const { t, tenant, other } = useTestApp({ tenants: 2 });
  const send = provisioningClient(() => t.app, () => tenant.apiKey);
  const created: { owner?: string; otherOwner?: string } = {};
  const accounts = accountHandles(created);

  /** Creates an account through the user endpoint and returns its e-mail. */
  async function createAccount(key = tenant.apiKey): Promise<string> {
    const email = newEmail('account');
    const reply = await send('PUT', 'user', {}, { email, name: 'Account', password: '12345', accountType: 'enterprise' }, key);
    expect(reply.status).toBe(201);
    return email;
  }

  beforeAll(async () => {
    created.owner = await createAccount();
    created.otherOwner = await createAccount(other.apiKey);
  });

  const requests = {
    put: (body: unknown, key?: string | null) => send('PUT', 'widget', {}, body, key),
    post: (body: unknown, key?: string | null) => send('POST', 'widget', {}, body, key),
    get: (uuid: string, email = accounts.owner, key?: string | null) => send('GET', 'widget', { uuid, email }, undefined, key),
    del: (uuid: string, email = accounts.owner, key?: string | null) => send('DELETE', 'widget', { uuid, email }, undefined, key),
    getUser: (email: string) => send('GET', 'user', { email }),
  };

  /** A valid create body owned by `accounts.owner`. */
  const widgetBody = (overrides: Body = {}): Body => ({
    email: accounts.owner,
    destinationEmail: 'transcripts@example.com',
    name: 'Widget #1',
    agents: [agent()],
    enableProactiveChat: 'true',
    enableConversations: true,
    conversationSchedule: SPLIT_MONDAY,
    ...overrides,
  });

  /** Creates a widget through the API and returns its response body. */
  async function createWidget(overrides: Body = {}): Promise<Body & { uuid: string }> {
    const reply = await requests.put(widgetBody(overrides));
    expect(reply.status).toBe(201);
    return reply.body as Body & { uuid: string };
  }

  return {
    t,
    tenant,
    other,
    accounts,
    send,
    ...requests,
    createAccount,
    widgetBody,
    createWidget,
    /** GET user.json's answer for the owner: the account outlives what happens to its widgets. */
    ownerAnswer: () => ok({ email: accounts.owner, name: 'Account', phone: null, accountType: 'enterprise' }),
    /** Live widgets of organization A, read through core: there is no list endpoint. */
    widgetCount: async () => (await getWidgets(t.core, tenant.organizationId)).length,
  };
}

/** Accounts whose fields read `created` at each access, and throw before the beforeAll has filled it. */
function accountHandles(created: { owner?: string; otherOwner?: string }): Accounts {
  const read = (name: keyof Accounts) => {
    const email = created[name];
    if (email === undefined) throw new Error(`useWidgetProvisioning: ${name} exists only once its beforeAll has run; read it inside a test or hook`);
    return email;
  };
  return {
    get owner() {
      return read('owner');
    },
    get otherOwner() {
      return read('otherOwner');
    },
  };
}
