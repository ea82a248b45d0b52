import type { FastifyInstance } from 'fastify';
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

/** The real app on a fresh database, driven with `app.inject` (no port, no mocks). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const core: Core = { db: database.db, bus: createInProcessEventBus((error) => console.error(error)) };
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '100000', API_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  const app = await buildApp({ config, core, ping: database.ping, logger: false });
  await app.ready();
  return {
    app,
    core,
    database,
    async close() {
      await app.close();
      await database.close();
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
