import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { adminUrl, createTemplateDatabase, dropDatabase } from '../db/postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a gzip dump of a migrated database, loaded by every test file. */
    pgliteTemplatePath: string;
    /** PostgreSQL: name of a migrated database that test files clone. */
    postgresTemplate: string;
  }
}

/**
 * Migrates one database for the whole run; each test file then starts from a
 * copy of it (a PGlite dump or a PostgreSQL TEMPLATE clone), which is much
 * faster than running initdb and the migrations per file.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = await createTemplateDatabase(databaseUrl);
    project.provide('postgresTemplate', template);
    project.provide('pgliteTemplatePath', '');
    return () => dropDatabase(adminUrl(databaseUrl), template);
  }
  const handle = await openDatabase({ driver: 'pglite' });
  await handle.migrate();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-test-'));
  const dumpPath = path.join(dir, 'template.tar.gz');
  await writeFile(dumpPath, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplatePath', dumpPath);
  project.provide('postgresTemplate', '');
  return () => rm(dir, { recursive: true, force: true });
}
