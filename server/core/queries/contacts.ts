import {
  findDirectoryContact,
  listDirectoryContacts,
  type DirectoryCondition,
  type DirectoryQuery,
  type DirectoryRow,
  type DirectorySortKey,
} from '../../db/repositories/contact-directory.ts';
import type { Core } from '../context.ts';

export type { DirectoryCondition as ContactCondition, DirectorySortKey as ContactSortKey };

/**
 * A contact as an integration's contact directory sees it: everything we keep about the person,
 * with the integer id vendor APIs name it by. (The console's `Contact` is the smaller view.)
 */
export interface ContactRecord {
  id: string;
  /** Integer id per organization (Chatwoot's contact id). */
  publicId: number;
  organizationId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The integrating system's own id for the person. */
  identifier: string | null;
  customAttributes: Record<string, unknown>;
  additionalAttributes: Record<string, unknown>;
  /** Banned from starting chats (a visitor ban on this contact). */
  blocked: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastSeenAt: Date | null;
}

export const toContactRecord = (row: DirectoryRow): ContactRecord => ({
  id: row.id,
  publicId: row.publicId,
  organizationId: row.organizationId,
  name: row.name,
  email: row.email,
  phone: row.phone,
  identifier: row.identifier,
  customAttributes: row.customAttributes,
  additionalAttributes: row.additionalAttributes,
  blocked: row.blocked,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  lastSeenAt: row.lastSeenAt,
});

export type ContactListQuery = Omit<DirectoryQuery, 'offset' | 'limit'> & { page: number; perPage: number };

/** One page (counted from 1) of the organization's contacts, and how many match in all. */
export async function listContacts(core: Core, organizationId: string, query: ContactListQuery): Promise<{ contacts: ContactRecord[]; total: number }> {
  const { page, perPage, ...rest } = query;
  const { rows, total } = await listDirectoryContacts(core.db, organizationId, { ...rest, offset: (page - 1) * perPage, limit: perPage });
  return { contacts: rows.map(toContactRecord), total };
}

export async function getContactByPublicId(core: Core, organizationId: string, publicId: number): Promise<ContactRecord | undefined> {
  const row = await findDirectoryContact(core.db, organizationId, { publicId });
  return row && toContactRecord(row);
}

export async function getContactRecord(core: Core, organizationId: string, contactId: string): Promise<ContactRecord | undefined> {
  const row = await findDirectoryContact(core.db, organizationId, { id: contactId });
  return row && toContactRecord(row);
}
