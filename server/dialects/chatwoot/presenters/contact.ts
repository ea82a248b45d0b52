import type { ContactRecord, Organization, Widget } from '../../kit.ts';
import { channelTypeOf, presentInboxSlim } from './inbox.ts';

/**
 * Chatwoot's contact, in the three shapes its code renders (research/chatwoot.md §2.2, §3.3): the
 * REST contact (`api/v1/models/_contact.json.jbuilder`), the push data embedded in conversations and
 * messages (`Contact#push_event_data`), and the webhook data (`Contact#webhook_data`). Presenters
 * take loaded data and do no I/O (loaders.ts fetches).
 */

/** A contact's session in an inbox (Chatwoot's contact_inbox): its `source_id` there. */
export interface ContactInbox {
  sourceId: string;
  inbox: Widget;
}

/** Unix seconds, as Chatwoot's REST and push payloads carry times. */
export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export const presentContactInbox = ({ sourceId, inbox }: ContactInbox) => ({ source_id: sourceId, inbox: presentInboxSlim(inbox) });

/** The REST contact; `contactInboxes` only where Chatwoot adds them (the /contacts endpoints). */
export function presentContact(contact: ContactRecord, contactInboxes?: ContactInbox[]) {
  return {
    additional_attributes: contact.additionalAttributes,
    availability_status: 'offline' as const,
    email: contact.email,
    id: contact.publicId,
    name: contact.name ?? '',
    phone_number: contact.phone,
    blocked: contact.blocked,
    identifier: contact.identifier,
    thumbnail: '',
    custom_attributes: contact.customAttributes,
    ...(contact.lastSeenAt && { last_activity_at: unixSeconds(contact.lastSeenAt) }),
    created_at: unixSeconds(contact.createdAt),
    ...(contactInboxes && { contact_inboxes: contactInboxes.map(presentContactInbox) }),
  };
}

/** `Contact#push_event_data`: the sender of a message, the contact of a conversation event. */
export function presentContactPushData(contact: ContactRecord) {
  return {
    additional_attributes: contact.additionalAttributes,
    custom_attributes: contact.customAttributes,
    email: contact.email,
    id: contact.publicId,
    identifier: contact.identifier,
    name: contact.name ?? '',
    phone_number: contact.phone,
    thumbnail: '',
    blocked: contact.blocked,
    type: 'contact' as const,
  };
}

/** Chatwoot's `Account#webhook_data`. */
export const presentAccountWebhookData = (account: Organization) => ({ id: account.accountNumber, name: account.name });

/**
 * `Contact#webhook_data` (contact events, message senders in webhooks). Chatwoot's has no `type`;
 * its guide shows `type: "contact"`, so we send it too: a superset no parser minds (research §9).
 */
export function presentContactWebhookData(contact: ContactRecord, account: Organization) {
  return {
    account: presentAccountWebhookData(account),
    additional_attributes: contact.additionalAttributes,
    avatar: '',
    custom_attributes: contact.customAttributes,
    email: contact.email,
    id: contact.publicId,
    identifier: contact.identifier,
    name: contact.name ?? '',
    phone_number: contact.phone,
    thumbnail: '',
    blocked: contact.blocked,
    type: 'contact' as const,
  };
}

/**
 * The raw Inbox row Chatwoot embeds in `contact_inbox.inbox` of a contact create and in
 * contactable inboxes (`render json` of the record): its columns, ours where we have them.
 */
export function presentInboxRow(inbox: Widget, account: Organization) {
  return {
    id: inbox.publicId,
    channel_id: inbox.publicId,
    account_id: account.accountNumber,
    name: inbox.name,
    created_at: inbox.createdAt.toISOString(),
    updated_at: inbox.updatedAt.toISOString(),
    channel_type: channelTypeOf(inbox.channel),
    enable_auto_assignment: true,
    greeting_enabled: false,
    greeting_message: null,
    email_address: null,
    working_hours_enabled: inbox.schedule !== null,
    out_of_office_message: null,
    timezone: 'UTC',
    enable_email_collect: inbox.emailRequired,
    csat_survey_enabled: false,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: false,
    portal_id: null,
    sender_name_type: 'friendly',
    business_name: null,
  };
}
