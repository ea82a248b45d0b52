import { findContact, updateContactRow } from '../../db/repositories/contacts.ts';
import { findLatestUnclosedConversationOfContact } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toContact, type Contact } from '../queries/conversation-browsing.ts';
import { normalizeEmail, requireText } from '../validation.ts';

/** What an agent may correct about a visitor (the console's `/name=`, `/email=`, `/phone=`); null clears a field. */
export interface ContactChanges {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export async function updateContact(core: Core, organizationId: string, contactId: string, changes: ContactChanges): Promise<Contact> {
  const values = {
    ...(changes.name !== undefined && { name: changes.name === null ? null : requireText('name', changes.name, 200) }),
    ...(changes.email !== undefined && { email: changes.email === null ? null : normalizeEmail('email', changes.email) }),
    ...(changes.phone !== undefined && { phone: changes.phone === null ? null : requireText('phone', changes.phone, 50) }),
  };
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    if (!(await findContact(tx, organizationId, contactId))) throw notFound('contact not found');
    const row = await updateContactRow(tx, organizationId, contactId, values);
    // Tied to the chat the visitor is in (if any), so every agent watching it sees the change live.
    const chat = await findLatestUnclosedConversationOfContact(tx, organizationId, contactId);
    emit({ type: 'contact.updated', organizationId, ...(chat && { conversationId: chat.id, widgetId: chat.widgetId }), payload: { contactId, changes: Object.keys(values) } });
    return toContact(row!);
  });
}
