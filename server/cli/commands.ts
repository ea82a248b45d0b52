import { bootstrapInstallation } from '../core/commands/bootstrap-installation.ts';
import { createApiKey } from '../core/commands/create-api-key.ts';
import { createUser } from '../core/commands/create-user.ts';
import { findFirstOrganization } from '../db/repositories/organizations.ts';
import { apiScopes } from '../core/scopes.ts';
import { generatePassword } from '../core/security/passwords.ts';
import type { Config } from '../config/config.ts';
import { createRuntime, openConfiguredDatabase } from '../runtime.ts';
import { createInProcessEventBus } from '../events/event-bus.ts';
import type { Core } from '../core/context.ts';
import { startBanner } from './banner.ts';
import { CliError } from './failure.ts';
import { assertPortFree } from './port-check.ts';

export type Flags = Record<string, string | boolean | undefined>;
type Print = (text: string) => void;

/** Starts the server and keeps running until SIGTERM/SIGINT, then shuts down gracefully. */
export async function start(config: Config, print: Print): Promise<void> {
  if (config.port !== 0) await assertPortFree(config.host, config.port);
  const runtime = await createRuntime(config);
  try {
    const installation = await bootstrapInstallation(runtime.core, { adminEmail: config.adminEmail, adminPassword: config.adminPassword });
    await runtime.app.listen({ host: config.host, port: config.port });
    runtime.startBackgroundWork();
    print(startBanner(config.publicUrl, installation));
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      runtime.app.log.info({ signal }, 'shutting down');
      runtime.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

export async function migrate(config: Config, print: Print): Promise<void> {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    print(`Database is up to date (${database.driver}).\n`);
  } finally {
    await database.close();
  }
}

/** Runs a one-off command against the configured, migrated database. */
async function withCore<T>(config: Config, work: (core: Core, organizationId: string) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const core: Core = { db: database.db, bus: createInProcessEventBus(() => {}) };
    const org = await findFirstOrganization(core.db);
    if (!org) throw new CliError('no organization yet; run `switchboard start` once first');
    return await work(core, org.id);
  } finally {
    await database.close();
  }
}

export async function createAdmin(config: Config, flags: Flags, print: Print): Promise<void> {
  if (typeof flags.email !== 'string') throw new CliError('--email is required');
  const password = typeof flags.password === 'string' ? flags.password : generatePassword();
  const email = flags.email;
  await withCore(config, (core, organizationId) =>
    createUser(core, organizationId, { email, name: typeof flags.name === 'string' ? flags.name : 'Admin', role: 'admin', password }),
  );
  print(`Admin ${email.toLowerCase()} created.${flags.password ? '' : `\nPassword: ${password}   (shown only now)`}\n`);
}

export async function createApiKeyCommand(config: Config, flags: Flags, print: Print): Promise<void> {
  const scopes = typeof flags.scopes === 'string' ? flags.scopes.split(',').map((s) => s.trim()) : [...apiScopes];
  const name = typeof flags.name === 'string' ? flags.name : 'CLI key';
  const { secret, apiKey } = await withCore(config, (core, organizationId) => createApiKey(core, organizationId, name, scopes));
  print(`API key "${apiKey.name}" (scopes: ${apiKey.scopes.join(', ')}):\n${secret}\nIt is shown only now.\n`);
}
