import { findDirectoryContact } from '../../db/repositories/contact-directory.ts';
import { updateContactRow } from '../../db/repositories/contacts.ts';
import { findLatestUnclosedConversationOfContact } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toContactRecord, type ContactRecord } from '../queries/contacts.ts';
import { checkContactFields, refuseTakenFields, type ContactFields } from './create-contact.ts';

/**
 * An integration changes what it knows about a person. Attribute objects are merged key by key
 * (as Chatwoot's update does), other fields replaced; `contact.updated` names what changed.
 */
export async function editContact(core: Core, organizationId: string, contactId: string, fields: ContactFields): Promise<ContactRecord> {
  const values = checkContactFields(fields);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await findDirectoryContact(tx, organizationId, { id: contactId });
    if (!current) throw notFound('contact not found');
    await refuseTakenFields(tx, organizationId, values, contactId);
    const merged = {
      ...values,
      ...(values.customAttributes && { customAttributes: { ...current.customAttributes, ...values.customAttributes } }),
      ...(values.additionalAttributes && { additionalAttributes: { ...current.additionalAttributes, ...values.additionalAttributes } }),
    };
    const changes = Object.keys(merged).filter((key) => JSON.stringify(merged[key as keyof typeof merged]) !== JSON.stringify(current[key as keyof typeof current]));
    if (changes.length === 0) return toContactRecord(current);
    await updateContactRow(tx, organizationId, contactId, merged);
    // Tied to the chat the person is in (if any), so agents watching it see the change live.
    const chat = await findLatestUnclosedConversationOfContact(tx, organizationId, contactId);
    emit({ type: 'contact.updated', organizationId, ...(chat && { conversationId: chat.id, widgetId: chat.widgetId }), payload: { contactId, changes } });
    return toContactRecord((await findDirectoryContact(tx, organizationId, { id: contactId }))!);
  });
}
