import { deleteExternalReferencesOf } from '../../db/repositories/external-references.ts';
import { deleteContactRow, findContact } from '../../db/repositories/contacts.ts';
import { listConversationsOfContact } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { conflict, notFound } from '../errors.ts';

/**
 * Deletes a contact an integration made, with its vendor references. A contact who has chatted
 * stays: its conversations are the organization's history (reports, transcripts), so that is a 409.
 */
export async function deleteContact(core: Core, organizationId: string, contactId: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (!(await findContact(tx, organizationId, contactId))) throw notFound('contact not found');
    if ((await listConversationsOfContact(tx, organizationId, contactId, 1)).length > 0) throw conflict('contact has conversations and cannot be deleted');
    await deleteExternalReferencesOf(tx, organizationId, contactId);
    await deleteContactRow(tx, organizationId, contactId);
  });
}
