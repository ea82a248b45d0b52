import { findAttachment } from '../../db/repositories/attachments.ts';
import { findContactBySessionHash } from '../../db/repositories/contacts.ts';
import { findConversation } from '../../db/repositories/conversations.ts';
import { attachmentPath } from '../attachments.ts';
import type { Core } from '../context.ts';
import { sha256 } from '../security/tokens.ts';
import type { Attachment } from '../types.ts';

/** Who asks for a file: any agent of the organization, or the visitor of the file's conversation. */
export type AttachmentViewer = { type: 'agent'; organizationId: string } | { type: 'visitor'; organizationId: string; contactId: string };

/** The visitor behind a token the widget kept (see openVisitorSession), or undefined. */
export async function authenticateVisitorToken(core: Core, token: string): Promise<{ organizationId: string; contactId: string } | undefined> {
  if (token === '') return undefined;
  const contact = await findContactBySessionHash(core.db, sha256(token));
  return contact && { organizationId: contact.organizationId, contactId: contact.id };
}

/** The attachment and where its bytes are, if the viewer may see it; undefined for everything else (unknown, other tenant, other visitor). */
export async function getAttachmentForViewer(
  core: Core,
  dataDir: string,
  viewer: AttachmentViewer,
  id: string,
): Promise<{ attachment: Attachment; path: string } | undefined> {
  const row = await findAttachment(core.db, viewer.organizationId, id);
  if (!row) return undefined;
  if (viewer.type === 'visitor') {
    const conversation = await findConversation(core.db, viewer.organizationId, row.conversationId);
    if (conversation?.contactId !== viewer.contactId) return undefined;
  }
  return {
    attachment: { id: row.id, fileName: row.fileName, mimeType: row.mimeType, size: row.size },
    path: attachmentPath(dataDir, row.organizationId, row.id),
  };
}
