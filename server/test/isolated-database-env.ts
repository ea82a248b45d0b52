import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { adminUrl, cloneDatabase, dropDatabase, withDatabase } from '../db/postgres-admin.ts';

/**
 * Environment for a server process on a database of its own: a temp PGlite folder, or, in
 * CI's PostgreSQL run, a fresh clone of the migrated template. `cleanup` removes it.
 */
export async function isolatedDatabaseEnv(label: string): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = await cloneDatabase(databaseUrl, inject('postgresTemplate'));
    return { env: { DATABASE_URL: withDatabase(databaseUrl, name) }, cleanup: () => dropDatabase(adminUrl(databaseUrl), name) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `switchboard-${label}-`));
  return { env: { DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
