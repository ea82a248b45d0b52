/** Database-level administration on a PostgreSQL server (create, clone, drop); used by the test harness. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from './client.ts';

/** The same server and credentials, but the maintenance database, for CREATE/DROP DATABASE. */
export function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

export async function createTemplateDatabase(databaseUrl: string): Promise<string> {
  const name = uniqueName('sb_test_template');
  await admin(adminUrl(databaseUrl), (c) => c.query(`CREATE DATABASE ${name}`));
  const handle = await openDatabase({ driver: 'postgres', url: withDatabase(databaseUrl, name), poolSize: 1 });
  await handle.migrate();
  await handle.close();
  return name;
}

export async function cloneDatabase(databaseUrl: string, template: string): Promise<string> {
  const name = uniqueName('sb_test');
  await admin(adminUrl(databaseUrl), (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return name;
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
