import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { bans, contacts } from '../schema/index.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

export async function insertContact(tx: Executor, values: NewContactRow): Promise<ContactRow> {
  const [row] = await tx.insert(contacts).values(values).returning();
  return row!;
}

export async function findContact(db: Executor, organizationId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.id, id)));
  return row;
}

export async function findContactByVisitorId(db: Executor, organizationId: string, visitorId: string) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.visitorId, visitorId)));
  return row;
}

export async function findContactBySessionHash(db: Executor, sessionTokenHash: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.sessionTokenHash, sessionTokenHash));
  return row;
}

export async function updateContactRow(tx: Executor, organizationId: string, id: string, values: Partial<NewContactRow>) {
  const [row] = await tx
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(contacts.organizationId, organizationId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function insertBan(tx: Executor, values: typeof bans.$inferInsert) {
  const [row] = await tx.insert(bans).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findBan(db: Executor, organizationId: string, kind: 'visitor' | 'ip', value: string) {
  const [row] = await db
    .select()
    .from(bans)
    .where(and(eq(bans.organizationId, organizationId), eq(bans.kind, kind), eq(bans.value, value)));
  return row;
}
