import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { organizations } from '../schema/index.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

export async function insertOrganization(tx: Executor, name: string): Promise<OrganizationRow> {
  const [row] = await tx.insert(organizations).values({ name }).returning();
  return row!;
}

export async function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/** The installation's first organization: the one `npm start` created. */
export async function findFirstOrganization(db: Executor): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).orderBy(asc(organizations.accountNumber)).limit(1);
  return row;
}
