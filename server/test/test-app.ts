import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createApiKey } from '../core/commands/create-api-key.ts';
import { createOrganization } from '../core/commands/create-organization.ts';
import type { Core } from '../core/context.ts';
import { apiScopes } from '../core/scopes.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createInProcessEventBus } from '../events/event-bus.ts';
import { buildApp } from '../http/app.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  core: Core;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database, driven with `app.inject` (no port, no mocks). Given a
 * database, the app is another node on it (its own bus, as another process) and `close` leaves it open.
 */
export async function createTestApp(env: Record<string, string> = {}, sharedDatabase?: DatabaseHandle): Promise<TestApp> {
  const database = sharedDatabase ?? (await openTestDatabase());
  const core: Core = { db: database.db, bus: createInProcessEventBus((error) => console.error(error)) };
  const config = loadConfig({
    RATE_LIMIT_PER_MINUTE: '100000',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    // Tests chat fast, from one address; the visitor limits' own tests lower these again.
    VISITOR_MESSAGES_PER_MINUTE: '100000',
    CONVERSATION_MESSAGES_PER_MINUTE: '100000',
    WS_VISITOR_SOCKETS_PER_IP: '100000',
    // Many sign-ins from one address too; auth.test.ts lowers this again.
    LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
    ...env,
  });
  const app = await buildApp({ config, core, ping: database.ping, logger: false });
  await app.ready();
  return {
    app,
    core,
    database,
    async close() {
      await app.close();
      if (!sharedDatabase) await database.close();
    },
  };
}

export interface TestTenant {
  organizationId: string;
  adminEmail: string;
  adminPassword: string;
  apiKey: string;
}

let tenantCounter = 0;

/** A new organization with an admin and an API key holding the given scopes (all by default). */
export async function createTenant(core: Core, scopes: string[] = [...apiScopes]): Promise<TestTenant> {
  tenantCounter += 1;
  const adminEmail = `admin${tenantCounter}-${Date.now()}@tenant.test`;
  const adminPassword = 'correct horse battery';
  const { organizationId } = await createOrganization(core, {
    name: `Tenant ${tenantCounter}`,
    admin: { email: adminEmail, password: adminPassword },
  });
  const { secret } = await createApiKey(core, organizationId, 'test key', scopes);
  return { organizationId, adminEmail, adminPassword, apiKey: secret };
}

export interface UseTestAppOptions {
  /** Config overrides, as for createTestApp. */
  env?: Record<string, string>;
  /** How many organizations to create (createTenant with every scope), in this order. */
  tenants?: number;
}

/** What useTestApp returns: handles whose fields are only readable once its beforeAll has run. */
export interface UsedTestApp {
  /** The app, core and database (closing is useTestApp's afterAll's job). */
  t: Omit<TestApp, 'close'>;
  /** The first organization created: the one most tests act as. */
  tenant: TestTenant;
  /** The second: another organization, for isolation tests. */
  other: TestTenant;
}

/**
 * The setup most test files share: registers a beforeAll that opens createTestApp(env) and
 * creates `tenants` organizations, and an afterAll that closes the app.
 *
 * Vitest runs a file's top level (collecting tests and hooks) before any hook, so nothing can
 * exist yet when this returns. Instead of values it returns stable handles whose fields read
 * what the beforeAll made: destructure them at the top of a file (`const { t, tenant } =
 * useTestApp({ tenants: 1 })`) and close over them in helpers, but read their fields only in
 * tests, hooks and the functions they call; a read before the beforeAll (or after the afterAll)
 * throws instead of yielding undefined. Called inside a describe, the app lives for that block.
 * Hooks registered after this call run after it, so they can already use the app.
 */
export function useTestApp(options: UseTestAppOptions = {}): UsedTestApp {
  const count = options.tenants ?? 0;
  let current: { app: TestApp; tenants: TestTenant[] } | undefined;

  beforeAll(async () => {
    const app = await createTestApp(options.env);
    current = { app, tenants: [] };
    for (let i = 0; i < count; i++) current.tenants.push(await createTenant(app.core));
  });
  afterAll(async () => {
    const app = current?.app;
    current = undefined;
    await app?.close();
  });

  const ready = () => {
    if (!current) throw new Error('useTestApp: the app exists only between its beforeAll and afterAll; read it inside a test or hook');
    return current;
  };
  const tenantAt = (index: number): TestTenant =>
    lazyTenant(() => {
      const tenant = ready().tenants[index];
      if (!tenant) throw new Error(`useTestApp: made ${count} tenant(s), asked for tenant ${index + 1}`);
      return tenant;
    });

  return {
    t: {
      get app() {
        return ready().app.app;
      },
      get core() {
        return ready().app.core;
      },
      get database() {
        return ready().app.database;
      },
    },
    tenant: tenantAt(0),
    other: tenantAt(1),
  };
}

/** A TestTenant whose fields are read from `get()` at each access. */
function lazyTenant(get: () => TestTenant): TestTenant {
  return {
    get organizationId() {
      return get().organizationId;
    },
    get adminEmail() {
      return get().adminEmail;
    },
    get adminPassword() {
      return get().adminPassword;
    },
    get apiKey() {
      return get().apiKey;
    },
  };
}
