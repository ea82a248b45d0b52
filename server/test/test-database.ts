import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { adminUrl, cloneDatabase, dropDatabase, withDatabase } from '../db/postgres-admin.ts';

/**
 * A fresh, migrated database for one test file: a PGlite copy of the run's
 * template by default, or a clone of the PostgreSQL template when DATABASE_URL is set.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = await cloneDatabase(databaseUrl, inject('postgresTemplate'));
    const handle = await openDatabase({ driver: 'postgres', url: withDatabase(databaseUrl, name), poolSize: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropDatabase(adminUrl(databaseUrl), name);
      },
    };
  }
  const dump = await readFile(inject('pgliteTemplatePath'));
  return openDatabase({ driver: 'pglite', loadDataDir: new Blob([dump]) });
}
