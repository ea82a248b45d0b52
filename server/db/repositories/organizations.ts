import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { organizations } from '../schema/index.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
/** What an admin may change about their organization. */
export type OrganizationChanges = Partial<Pick<typeof organizations.$inferInsert, 'name' | 'transcriptsEnabled'>>;

export async function insertOrganization(tx: Executor, name: string): Promise<OrganizationRow> {
  const [row] = await tx.insert(organizations).values({ name }).returning();
  return row!;
}

export async function findOrganization(db: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

/**
 * The organization's row, held until the transaction ends: commands that count against an
 * organization-wide limit take it first, so two of them cannot both see room for one more.
 * `NO KEY UPDATE` still lets other transactions insert rows that reference the organization.
 */
export async function lockOrganization(tx: Executor, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('no key update');
  return row;
}

export async function updateOrganizationRow(tx: Executor, id: string, changes: OrganizationChanges): Promise<OrganizationRow | undefined> {
  if (Object.keys(changes).length === 0) return findOrganization(tx, id);
  const [row] = await tx.update(organizations).set(changes).where(eq(organizations.id, id)).returning();
  return row;
}

/** The oldest organizations first, at most `limit` of them (the command line asks "which one?"). */
export async function listOrganizations(db: Executor, limit: number): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(asc(organizations.accountNumber)).limit(limit);
}

/** The installation's first organization: the one `npm start` created. */
export async function findFirstOrganization(db: Executor): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).orderBy(asc(organizations.accountNumber)).limit(1);
  return row;
}
