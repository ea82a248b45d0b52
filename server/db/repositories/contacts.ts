import { and, eq, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { bans, contacts, conversations } from '../schema/index.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

export async function insertContact(tx: Executor, values: NewContactRow): Promise<ContactRow> {
  const [row] = await tx.insert(contacts).values(values).returning();
  return row!;
}

/**
 * Writes the contact with these ids unless it exists, then marks it seen. The update takes the
 * row's lock, so a retention sweep deleting it waits, sees it seen and leaves it. Undefined when
 * the token's hash is another contact's (another organization's).
 */
export async function keepContact(tx: Executor, values: { id: string; organizationId: string; visitorId: string; sessionTokenHash: string }) {
  await tx.insert(contacts).values(values).onConflictDoNothing();
  const [row] = await tx
    .update(contacts)
    .set({ lastSeenAt: new Date() })
    .where(and(eq(contacts.organizationId, values.organizationId), eq(contacts.id, values.id), eq(contacts.sessionTokenHash, values.sessionTokenHash)))
    .returning();
  return row;
}

/**
 * Deletes up to `limit` contacts nobody would miss: no conversation, no name, e-mail, phone,
 * identifier or attributes, and not seen since `before`. Answers how many it deleted.
 */
export async function deleteEmptyAnonymousContacts(db: Executor, before: Date, limit: number): Promise<number> {
  const empty = and(
    isNull(contacts.name),
    isNull(contacts.email),
    isNull(contacts.phone),
    isNull(contacts.identifier),
    sql`${contacts.customAttributes} = '{}'::jsonb`,
    sql`${contacts.additionalAttributes} = '{}'::jsonb`,
    // Also checked again on each row the delete locks: a chat starting meanwhile marks its contact seen.
    lt(sql`coalesce(${contacts.lastSeenAt}, ${contacts.createdAt})`, before),
  );
  const oldest = db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(empty, lt(contacts.createdAt, before), notExists(db.select({ one: sql`1` }).from(conversations).where(eq(conversations.contactId, contacts.id)))))
    .limit(limit);
  const deleted = await db.delete(contacts).where(and(inArray(contacts.id, oldest), empty)).returning({ id: contacts.id });
  return deleted.length;
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

export async function deleteContactRow(tx: Executor, organizationId: string, id: string): Promise<void> {
  await tx.delete(contacts).where(and(eq(contacts.organizationId, organizationId), eq(contacts.id, id)));
}
