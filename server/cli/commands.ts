import { bootstrapInstallation } from '../core/commands/bootstrap-installation.ts';
import { createApiKey } from '../core/commands/create-api-key.ts';
import { createOrganization } from '../core/commands/create-organization.ts';
import { createUser } from '../core/commands/create-user.ts';
import { findOrganization, listOrganizations } from '../db/repositories/organizations.ts';
import { isUuid } from '../db/ids.ts';
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
  // Listening first: a signal that comes while the server starts (a supervisor, a script that
  // stops it as soon as the banner shows) still ends in a graceful stop rather than a kill.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
  });
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
  void stopRequested.then((signal) => {
    runtime.app.log.info({ signal }, 'shutting down');
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
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
async function withCore<T>(config: Config, work: (core: Core) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    return await work({ db: database.db, bus: createInProcessEventBus(() => {}) });
  } finally {
    await database.close();
  }
}

/** How many organizations a "which one?" answer names before it stops listing. */
const ORGANIZATIONS_LISTED = 10;

/**
 * The organization `--organization` names, or the only one there is. With several and no flag the
 * command refuses rather than guess: an admin or key made in the wrong tenant would be a breach.
 */
async function chooseOrganization(core: Core, flags: Flags): Promise<string> {
  const chosen = flags.organization;
  if (typeof chosen === 'string') {
    const org = isUuid(chosen) ? await findOrganization(core.db, chosen) : undefined;
    if (!org) throw new CliError(`no organization with id ${chosen}`);
    return org.id;
  }
  const orgs = await listOrganizations(core.db, ORGANIZATIONS_LISTED + 1);
  if (orgs.length === 0) throw new CliError('no organization yet; run `switchboard start` once first');
  if (orgs.length === 1) return orgs[0]!.id;
  const named = orgs.slice(0, ORGANIZATIONS_LISTED).map((org) => `${org.id} (${org.name})`);
  const more = orgs.length > ORGANIZATIONS_LISTED ? ', …' : '';
  throw new CliError(`there are several organizations; choose one with --organization ID: ${named.join(', ')}${more}`);
}

const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export async function createAdmin(config: Config, flags: Flags, print: Print): Promise<void> {
  const email = text(flags.email);
  if (!email) throw new CliError('--email is required');
  const password = text(flags.password) ?? generatePassword();
  await withCore(config, async (core) =>
    createUser(core, await chooseOrganization(core, flags), { email, name: text(flags.name) ?? 'Admin', role: 'admin', password }),
  );
  print(`Admin ${email.toLowerCase()} created.${flags.password ? '' : `\nPassword: ${password}   (shown only now)`}\n`);
}

export async function createApiKeyCommand(config: Config, flags: Flags, print: Print): Promise<void> {
  const scopes = typeof flags.scopes === 'string' ? flags.scopes.split(',').map((s) => s.trim()) : [...apiScopes];
  const name = text(flags.name) ?? 'CLI key';
  const { secret, apiKey } = await withCore(config, async (core) => createApiKey(core, await chooseOrganization(core, flags), name, scopes));
  print(`API key "${apiKey.name}" (scopes: ${apiKey.scopes.join(', ')}):\n${secret}\nIt is shown only now.\n`);
}

/** A new tenant and its first admin, who signs in to the console and creates everything else. */
export async function createOrganizationCommand(config: Config, flags: Flags, print: Print): Promise<void> {
  const name = text(flags.name);
  const email = text(flags['admin-email']);
  if (!name) throw new CliError('--name is required');
  if (!email) throw new CliError('--admin-email is required');
  const given = text(flags['admin-password']);
  const password = given ?? generatePassword();
  const { organizationId, admin } = await withCore(config, (core) =>
    createOrganization(core, { name, admin: { email, password, name: text(flags['admin-name']) } }),
  );
  const lines = [
    `Organization "${name.trim()}" created.`,
    `  Organization id:  ${organizationId}   (pass it as --organization to create-admin and create-api-key)`,
    `  Admin e-mail:     ${admin.email}`,
    given ? '  Password:         the one given' : `  Password:         ${password}   (shown only now; change it in the console)`,
  ];
  print(`${lines.join('\n')}\n`);
}
