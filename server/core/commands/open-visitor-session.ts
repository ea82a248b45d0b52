import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { findContactBySessionHash, keepContact, type ContactRow } from '../../db/repositories/contacts.ts';
import { findLiveWidgetAnywhere } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { sha256 } from '../security/tokens.ts';

/** Who a widget's visitor is, and all it takes to write their contact once they do something worth keeping. */
export interface VisitorKey {
  organizationId: string;
  contactId: string;
  /** The cookie id of the visitor (SnapEngage's visitor id); stable across sessions of one browser. */
  visitorId: string;
  /** SHA-256 of the visitor's token, stored with the contact so the token finds it again. Never sent. */
  sessionTokenHash: string;
}

export interface VisitorSession extends VisitorKey {
  widgetId: string;
  /** The secret the widget keeps; it proves on reconnect that this is the same visitor. */
  token: string;
}

/**
 * Resumes the visitor behind a token the widget kept, or hands out a fresh token, and writes
 * nothing: most sockets never chat, and each used to leave a contact row behind forever. A
 * visitor without a contact yet is their token: their ids are derived from it (below), so every
 * socket presenting it is the same visitor, and `keepVisitorContact` writes the row with those
 * ids when they first start a chat. A token of another organization (by its contact, or by the
 * organization it names) counts as none.
 */
export async function openVisitorSession(core: Core, widgetId: string, presentedToken?: string): Promise<VisitorSession> {
  const widget = await findLiveWidgetAnywhere(core.db, widgetId);
  if (!widget) throw notFound('widget not found');
  const { organizationId } = widget;
  if (presentedToken) {
    const sessionTokenHash = sha256(presentedToken);
    const contact = await findContactBySessionHash(core.db, sessionTokenHash);
    if (contact?.organizationId === organizationId) {
      return { organizationId, widgetId, contactId: contact.id, visitorId: contact.visitorId ?? contact.id, sessionTokenHash, token: presentedToken };
    }
    if (!contact && namesOrganization(presentedToken, organizationId)) return anonymousSession(organizationId, widgetId, presentedToken);
  }
  return anonymousSession(organizationId, widgetId, newToken(organizationId));
}

/**
 * The visitor's contact, written now if this is the first thing worth keeping they do, and marked
 * seen (which also keeps the retention sweep off it). Undefined when the key is another
 * organization's, or its token already names another organization's contact.
 */
export async function keepVisitorContact(tx: Executor, organizationId: string, key: VisitorKey): Promise<ContactRow | undefined> {
  if (key.organizationId !== organizationId) return undefined;
  return keepContact(tx, { id: key.contactId, organizationId, visitorId: key.visitorId, sessionTokenHash: key.sessionTokenHash });
}

/**
 * A visitor token: the organization's id, then 256 random bits. Naming the organization lets a
 * token without a contact be refused by every other organization, so one token never becomes
 * two organizations' visitors (and their contacts never compete for its hash).
 */
function newToken(organizationId: string): string {
  return Buffer.concat([uuidBytes(organizationId), randomBytes(32)]).toString('base64url');
}

function namesOrganization(token: string, organizationId: string): boolean {
  return /^[A-Za-z0-9_-]{64}$/.test(token) && Buffer.from(token, 'base64url').subarray(0, 16).equals(uuidBytes(organizationId));
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');

/**
 * Ids derived from the token by one-way hashes: the token (only the widget holds it) cannot be
 * learnt from them, and nobody can pick a token that yields someone else's ids.
 */
function anonymousSession(organizationId: string, widgetId: string, token: string): VisitorSession {
  const digest = (purpose: string) => createHash('sha256').update(`${purpose}\n${token}`).digest();
  return {
    organizationId,
    widgetId,
    token,
    sessionTokenHash: sha256(token),
    contactId: uuidFrom(digest('contact')),
    visitorId: digest('visitor').toString('base64url').slice(0, 16),
  };
}

/** The first 16 bytes as a version-4 UUID (version and variant bits set), like the ids the database makes. */
function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
