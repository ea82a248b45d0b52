import { randomUUID } from 'node:crypto';
import { insertAttachment } from '../../db/repositories/attachments.ts';
import { findUserById } from '../../db/repositories/users.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import { attachmentPath, checkFile, removeAttachmentFile, writeAttachmentFile, type AttachmentPolicy } from '../attachments.ts';
import type { Core } from '../context.ts';
import { displayNameOf } from '../display-name.ts';
import { conflict, notFound } from '../errors.ts';
import type { Attachment, MessageView } from '../types.ts';
import { appendMessageInTransaction } from './append-message.ts';
import { lockConversation } from './conversation-steps.ts';

export interface AttachFileInput {
  organizationId: string;
  conversationId: string;
  /** The visitor of the conversation (the caller checked their token), or the agent it is assigned to. */
  sender: { type: 'visitor'; contactId: string } | { type: 'agent'; userId: string };
  fileName: string;
  /** The declared type (Content-Type); checked against the allow-list and the file's first bytes. */
  mimeType: string;
  data: Buffer;
}

/**
 * Stores a file sent in a chat and posts it as an `attachment` message (content.attachment),
 * emitting message.created. The file is written under the conversation's lock, before the
 * rows; if anything fails after that, the file is removed again.
 */
export async function attachFile(core: Core, policy: AttachmentPolicy, input: AttachFileInput): Promise<{ attachment: Attachment; message: MessageView }> {
  const file = checkFile(policy, input.fileName, input.mimeType, input.data);
  const id = randomUUID();
  const target = attachmentPath(policy.dataDir, input.organizationId, id);
  let written = false;
  try {
    return await runInTransaction(core.db, core.bus, async (tx, emit) => {
      const { sender } = input;
      // Ownership before state, as for text messages: another visitor's chat is "not found".
      const row = await lockConversation(tx, input.organizationId, input.conversationId, true);
      if (sender.type === 'visitor' && row.contactId !== sender.contactId) throw notFound('conversation not found');
      if (row.status === 'closed') throw conflict('conversation is closed');
      if (sender.type === 'agent') {
        if (!(await findUserById(tx, input.organizationId, sender.userId))) throw notFound('user not found');
        if (row.assigneeUserId !== sender.userId) throw conflict('accept the conversation before sending files');
      }
      await writeAttachmentFile(target, input.data);
      written = true;
      const stored = await insertAttachment(tx, { id, organizationId: row.organizationId, conversationId: row.id, ...file });
      const attachment: Attachment = { id: stored.id, fileName: stored.fileName, mimeType: stored.mimeType, size: stored.size };
      const message = await appendMessageInTransaction(tx, emit, {
        organizationId: row.organizationId,
        conversationId: row.id,
        sender:
          sender.type === 'visitor'
            ? { type: 'visitor' }
            : { type: 'agent', userId: sender.userId, name: await displayNameOf(tx, row.organizationId, row.widgetId, { type: 'user', id: sender.userId }) },
        kind: 'attachment',
        body: '',
        content: { attachment },
      });
      return { attachment, message };
    });
  } catch (error) {
    if (written) await removeAttachmentFile(target);
    throw error;
  }
}
