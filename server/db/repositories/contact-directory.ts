import { and, asc, count, eq, getTableColumns, ilike, isNotNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isPublicId, isUuid } from '../ids.ts';
import { bans, contacts } from '../schema/index.ts';
import type { ContactRow } from './contacts.ts';

/**
 * Reads behind an integration's contact directory (Chatwoot's contacts API): contacts by public
 * id, and paged, sorted, searched or filtered lists. Each row says whether the contact is banned
 * (a visitor ban on the contact, what Chatwoot calls `blocked`).
 */

export type DirectoryRow = ContactRow & { blocked: boolean };

export type DirectorySortKey = 'name' | 'email' | 'phone' | 'lastSeenAt' | 'createdAt' | 'company' | 'city' | 'country';

export type DirectoryField = 'name' | 'email' | 'phone' | 'identifier';
export type DirectoryOperator = 'equal_to' | 'not_equal_to' | 'contains' | 'does_not_contain';

/** One condition of a filter; `join` ties it to the one before it (the first one's is ignored). */
export interface DirectoryCondition {
  field: DirectoryField;
  operator: DirectoryOperator;
  values: string[];
  join: 'and' | 'or';
}

export interface DirectoryQuery {
  /** Only contacts an integration can name: with an e-mail, phone or identifier (anonymous visitors left out). */
  identifiedOnly: boolean;
  /** Substring of name, e-mail, phone, identifier or company name. */
  search?: string;
  conditions?: DirectoryCondition[];
  sort?: { key: DirectorySortKey; descending: boolean };
  offset: number;
  limit: number;
}

const blocked = sql<boolean>`exists (select 1 from ${bans} where ${bans.organizationId} = ${contacts.organizationId} and ${bans.kind} = 'visitor' and ${bans.value} = ${contacts.id}::text)`;
const columns = { ...getTableColumns(contacts), blocked };

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const FIELD = { name: contacts.name, email: contacts.email, phone: contacts.phone, identifier: contacts.identifier };

const SORT: Record<DirectorySortKey, SQL> = {
  name: sql`${contacts.name}`,
  email: sql`${contacts.email}`,
  phone: sql`${contacts.phone}`,
  lastSeenAt: sql`${contacts.lastSeenAt}`,
  createdAt: sql`${contacts.createdAt}`,
  company: sql`${contacts.additionalAttributes}->>'company_name'`,
  city: sql`${contacts.additionalAttributes}->>'city'`,
  country: sql`${contacts.additionalAttributes}->>'country'`,
};

function conditionSql({ field, operator, values }: DirectoryCondition): SQL {
  const column = FIELD[field];
  const anyOf = (one: (value: string) => SQL | undefined) => or(...values.map(one)) ?? sql`false`;
  switch (operator) {
    case 'equal_to':
      return anyOf((value) => (field === 'email' ? ilike(column, value.replace(/[\\%_]/g, (c) => `\\${c}`)) : eq(column, value)));
    case 'not_equal_to':
      return sql`(${column} is null or not ${anyOf((value) => eq(column, value))})`;
    case 'contains':
      return anyOf((value) => ilike(column, likePattern(value)));
    case 'does_not_contain':
      return sql`(${column} is null or not ${anyOf((value) => ilike(column, likePattern(value)))})`;
  }
}

function whereOf(organizationId: string, query: Omit<DirectoryQuery, 'offset' | 'limit' | 'sort'>): SQL {
  const conditions: SQL[] = [eq(contacts.organizationId, organizationId)];
  if (query.identifiedOnly) conditions.push(or(isNotNull(contacts.email), isNotNull(contacts.phone), isNotNull(contacts.identifier))!);
  if (query.search !== undefined) {
    const pattern = likePattern(query.search);
    conditions.push(
      or(
        ilike(contacts.name, pattern),
        ilike(contacts.email, pattern),
        ilike(contacts.phone, pattern),
        like(contacts.identifier, pattern),
        ilike(sql`${contacts.additionalAttributes}->>'company_name'`, pattern),
      )!,
    );
  }
  if (query.conditions?.length) {
    const [first, ...rest] = query.conditions;
    conditions.push(rest.reduce((joined, next) => (next.join === 'or' ? or(joined, conditionSql(next))! : and(joined, conditionSql(next))!), conditionSql(first!)));
  }
  return and(...conditions)!;
}

/** One page of the organization's contacts and how many match in all. */
export async function listDirectoryContacts(db: Executor, organizationId: string, query: DirectoryQuery): Promise<{ rows: DirectoryRow[]; total: number }> {
  const where = whereOf(organizationId, query);
  const sort = query.sort ?? { key: 'lastSeenAt', descending: true };
  const key = SORT[sort.key];
  const order = sort.descending ? sql`${key} desc nulls last` : sql`${key} asc nulls last`;
  const [rows, [counted]] = await Promise.all([
    db.select(columns).from(contacts).where(where).orderBy(order, asc(contacts.publicId)).offset(query.offset).limit(query.limit),
    db.select({ total: count() }).from(contacts).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export async function findDirectoryContact(db: Executor, organizationId: string, by: { publicId: number } | { id: string }): Promise<DirectoryRow | undefined> {
  if ('publicId' in by ? !isPublicId(by.publicId) : !isUuid(by.id)) return undefined;
  const [row] = await db
    .select(columns)
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), 'publicId' in by ? eq(contacts.publicId, by.publicId) : eq(contacts.id, by.id)));
  return row;
}

/** Another contact of the organization that already has this value in a unique-per-person field. */
export async function findContactHolding(db: Executor, organizationId: string, field: 'email' | 'phone' | 'identifier', value: string, exceptId?: string) {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.organizationId, organizationId),
        field === 'email' ? ilike(contacts.email, value.replace(/[\\%_]/g, (c) => `\\${c}`)) : eq(FIELD[field], value),
        ...(exceptId ? [ne(contacts.id, exceptId)] : []),
      ),
    )
    .limit(1);
  return row;
}
