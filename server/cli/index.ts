import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.ts';
import { apiScopes } from '../core/scopes.ts';
import { createAdmin, createApiKeyCommand, createOrganizationCommand, migrate, start } from './commands.ts';
import { CliError, describeFailure } from './failure.ts';

const HELP = `Usage: switchboard <command> [options]

Commands:
  start                      run the server (default); creates an admin and a demo widget on first start
  migrate                    apply database migrations and exit
  create-organization --name N --admin-email E [--admin-password P] [--admin-name N]
                             add an organization (a tenant) with its first admin; prints its id
                             (password generated if omitted)
  create-admin --email E [--password P] [--name N] [--organization ID]
                             add an admin to an organization (password generated if omitted)
  create-api-key [--name N] [--scopes a,b] [--organization ID]
                             create an API key; scopes: ${apiScopes.join(', ')} (default: all)

  --organization may be left out while the installation has one organization.

Options:
  -h, --help                 show this help

Configuration comes from environment variables (PORT, DATABASE_URL, DATA_DIR, …); see README.md.
`;

const print = (text: string) => void process.stdout.write(text);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      organization: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || command === 'help') return print(HELP);
  if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}"; see switchboard --help`);
  const config = loadConfig();
  const run: Record<string, () => Promise<void>> = {
    start: () => start(config, print),
    migrate: () => migrate(config, print),
    'create-organization': () => createOrganizationCommand(config, values, print),
    'create-admin': () => createAdmin(config, values, print),
    'create-api-key': () => createApiKeyCommand(config, values, print),
  };
  const action = run[command];
  if (!action) throw new CliError(`unknown command "${command}"; see switchboard --help`);
  await action();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  let context = {};
  try {
    const config = loadConfig();
    context = { port: config.port, databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  } catch {
    // The configuration itself was the problem; the message below says so.
  }
  process.stderr.write(`switchboard: ${describeFailure(error, context)}\n`);
  process.exit(1);
});
