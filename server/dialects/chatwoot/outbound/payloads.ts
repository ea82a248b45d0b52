import {
  type Assignee,
  type Conversation,
  type Core,
  type EventMap,
  getAssigneeAt,
  getContactRecord,
  getConversationEntry,
  getMessageWindow,
  getOrganization,
  getUser,
  getWidget,
  type MessageView,
  type StoredEvent,
  type WebhookBuild,
} from '../../kit.ts';
import { loadConversationsData, loadDirectory, messageContextOf } from '../loaders.ts';
import { presentAccountWebhookData, presentContactWebhookData } from '../presenters/contact.ts';
import { presentConversationPushData, type ConversationData, labelNamesOf } from '../presenters/conversation.ts';
import { presentInbox } from '../presenters/inbox.ts';
import { presentMessageWebhookData } from '../presenters/message.ts';
import type { ChatwootMessageStatus } from '../presenters/status.ts';
import type { ChatwootEvent } from './events.ts';

/** A webhook body before its `event` name is added; undefined when the event is nothing to send. */
export type Payload = Record<string, unknown>;
type Builder = (input: WebhookBuild) => Promise<Payload | undefined>;

/** Chatwoot's `changed_attributes`: one `{attr: {previous_value, current_value}}` object per changed attribute. */
const changed = (attribute: string, previous: unknown, current: unknown) => [{ [attribute]: { previous_value: previous, current_value: current } }];

/**
 * Bodies are built when the engine reads the event, which may be after the conversation was
 * closed: what happened before the close must not show it resolved (Chatwoot's would, as it
 * serializes when its job runs). Events of the closing transaction itself are stamped before its
 * `closedAt`, so they show it open too, and the close event follows them. Other fields show the
 * conversation as it is when built.
 */
function statusAt(data: ConversationData, event: StoredEvent): ConversationData {
  const { closedAt } = data.conversation;
  if (event.type === 'conversation.closed' || closedAt === null || closedAt <= event.occurredAt) return data;
  return { ...data, conversation: { ...data.conversation, status: 'open' } };
}

/** The conversation (as of the event's status) with all its webhook shapes need, and the people directory its messages' senders come from. */
async function loadConversation({ core, event, publicUrl }: WebhookBuild, conversationId: string) {
  const [account, entry, directory] = await Promise.all([
    getOrganization(core, event.organizationId),
    getConversationEntry(core, event.organizationId, conversationId),
    loadDirectory(core, event.organizationId),
  ]);
  if (!account || !entry) return undefined;
  const [data] = await loadConversationsData(core, account, [entry], publicUrl, directory);
  return data && { data: statusAt(data, event), directory };
}

/**
 * `Conversation#webhook_data` (its push data), with `account`, which Chatwoot's conversation
 * events lack (research §8.5), and the inbox's `inbox_identifier` for API inboxes.
 */
function conversationPayload(data: ConversationData): Payload {
  return { ...presentConversationPushData(data), account: presentAccountWebhookData(data.account) };
}

/** The inbox as message webhooks name it, plus the API inbox's identifier the client API needs (research §8.5). */
function inboxOf(data: ConversationData) {
  const { channel } = data.inbox;
  return { id: data.inbox.publicId, name: data.inbox.name, ...(channel.type !== 'web_widget' && { inbox_identifier: channel.identifier }) };
}

async function messagePayload(input: WebhookBuild, message: MessageView, status: ChatwootMessageStatus): Promise<Payload | undefined> {
  const loaded = await loadConversation(input, message.conversationId);
  if (!loaded) return undefined;
  const { data, directory } = loaded;
  const context = { ...messageContextOf(data, message, { deliveredAt: null, readAt: null }, directory), status };
  return { ...presentMessageWebhookData(message, context, presentConversationPushData(data)), inbox: inboxOf(data) };
}

/** Chatwoot sends messages that are incoming, outgoing or templates: not activity (our system notices). */
const messageCreated: Builder = async (input) => {
  const { message } = (input.event as StoredEvent<'message.created'>).payload;
  if (message.senderType === 'system') return undefined;
  return messagePayload(input, message, 'sent');
};

/**
 * A receipt from the contact's side: the newest agent or bot message it covers becomes
 * `delivered` or `read`, as Chatwoot's status update marks outgoing messages. Receipts of the
 * agents' side change no Chatwoot message status (Chatwoot keeps only `agent_last_seen_at`).
 */
async function receiptUpdate(input: WebhookBuild, event: StoredEvent<'messages.delivered' | 'messages.read'>): Promise<Payload | undefined> {
  const payload = event.payload as EventMap['messages.delivered'] | EventMap['messages.read'];
  const side = 'recipient' in payload ? payload.recipient : payload.reader;
  if (side !== 'visitor') return undefined;
  const window = await getMessageWindow(input.core, event.organizationId, payload.conversationId, { beforeSeq: payload.upToSeq + 1, limit: 20 });
  const outgoing = window?.map((entry) => entry.message).findLast((message) => (message.senderType === 'agent' || message.senderType === 'bot') && !message.private);
  if (!outgoing) return undefined;
  return messagePayload(input, outgoing, event.type === 'messages.read' ? 'read' : 'delivered');
}

/** A receipt, or a message changed after it was sent (withdrawn: the message as it now is). */
const messageUpdated: Builder = async (input) => {
  const { event } = input;
  if (event.type === 'message.updated') return messagePayload(input, (event as StoredEvent<'message.updated'>).payload.message, 'sent');
  return receiptUpdate(input, event as StoredEvent<'messages.delivered' | 'messages.read'>);
};

const conversationCreated: Builder = async (input) => {
  const loaded = await loadConversation(input, input.event.conversationId!);
  return loaded && conversationPayload(loaded.data);
};

/** Closing and reopening are the status changes Chatwoot can see: our queued and open are both its `open` (presenters/status.ts). */
const conversationStatusChanged: Builder = async (input) => {
  const loaded = await loadConversation(input, input.event.conversationId!);
  const change = input.event.type === 'conversation.reopened' ? changed('status', 'resolved', 'open') : changed('status', 'open', 'resolved');
  return loaded && { ...conversationPayload(loaded.data), changed_attributes: change };
};

/** Chatwoot's `assignee_id`: a user's integer id; a bot holds no Chatwoot assignee (the presenters show none). */
async function assigneeIdOf(core: Core, organizationId: string, assignee: Assignee | null): Promise<number | null> {
  if (assignee?.type !== 'user') return null;
  return (await getUser(core, organizationId, assignee.id))?.publicId ?? null;
}

/**
 * `assignee_id` before and after an assignment or a queueing; the one before is replayed from the
 * conversation's events. Undefined when Chatwoot's assignee stays as it was (queued at start,
 * handed to a bot): a Chatwoot receiver would see no change, so nothing is sent.
 */
async function assignmentChange(core: Core, event: StoredEvent<'conversation.assigned' | 'conversation.queued'>) {
  const after = event.type === 'conversation.assigned' ? (event.payload as EventMap['conversation.assigned']).assignee : null;
  const before = await getAssigneeAt(core, event.organizationId, event.conversationId!, event.id - 1);
  const [previous, current] = await Promise.all([assigneeIdOf(core, event.organizationId, before), assigneeIdOf(core, event.organizationId, after)]);
  return previous === current ? undefined : changed('assignee_id', previous, current);
}

/** `label_list` before and after: the conversation's labels now, without and with the one (un)labeled. */
function labelChange(event: StoredEvent<'conversation.labeled' | 'conversation.unlabeled'>, conversation: Conversation) {
  const { name, value } = event.payload as EventMap['conversation.labeled'];
  const label = value === '' ? name : `${name}:${value}`;
  const others = labelNamesOf(conversation).filter((other) => other !== label);
  return event.type === 'conversation.labeled' ? changed('label_list', others, [...others, label]) : changed('label_list', [...others, label], others);
}

const isAssignment = (event: StoredEvent): event is StoredEvent<'conversation.assigned' | 'conversation.queued'> =>
  event.type === 'conversation.assigned' || event.type === 'conversation.queued';

/** Our conversation attributes by Chatwoot's names, with their values now (the event keeps no previous ones). */
function attributeChange(event: StoredEvent<'conversation.updated'>, conversation: Conversation, teamId: number | null) {
  const current: Record<string, [string, unknown]> = {
    priority: ['priority', conversation.priority],
    customAttributes: ['custom_attributes', conversation.customAttributes],
    team: ['team_id', teamId],
  };
  return event.payload.changes.flatMap((field) => {
    const entry = current[field];
    return entry ? [{ [entry[0]]: { current_value: entry[1] } }] : [];
  });
}

/** Assignment, labels and attributes, with Chatwoot's `changed_attributes`. */
const conversationUpdated: Builder = async (input) => {
  const { core, event } = input;
  const assignment = isAssignment(event) ? await assignmentChange(core, event) : undefined;
  if (isAssignment(event) && !assignment) return undefined;
  const loaded = await loadConversation(input, event.conversationId!);
  if (!loaded) return undefined;
  const { conversation } = loaded.data;
  const changes =
    assignment ??
    (event.type === 'conversation.updated'
      ? attributeChange(event as StoredEvent<'conversation.updated'>, conversation, loaded.data.team?.team.publicId ?? null)
      : labelChange(event as StoredEvent<'conversation.labeled' | 'conversation.unlabeled'>, conversation));
  return { ...conversationPayload(loaded.data), changed_attributes: changes };
};

/** Our contact fields by Chatwoot's names. */
const CONTACT_ATTRIBUTES: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone_number',
  identifier: 'identifier',
  customAttributes: 'custom_attributes',
  additionalAttributes: 'additional_attributes',
  blocked: 'blocked',
};

/**
 * `Contact#webhook_data` with the changed attributes' names and current values. The event keeps
 * no previous values, so `previous_value` is left out rather than guessed.
 */
const contactUpdated: Builder = async ({ core, event }) => {
  const { contactId, changes } = (event as StoredEvent<'contact.updated'>).payload;
  const [account, contact] = await Promise.all([getOrganization(core, event.organizationId), getContactRecord(core, event.organizationId, contactId)]);
  if (!account || !contact) return undefined;
  const data = presentContactWebhookData(contact, account);
  const changedAttributes = changes.flatMap((field) => {
    const attribute = CONTACT_ATTRIBUTES[field];
    return attribute ? [{ [attribute]: { current_value: (data as Record<string, unknown>)[attribute] ?? null } }] : [];
  });
  return { ...data, changed_attributes: changedAttributes };
};

/**
 * The inbox as an agent reads it (presenters/inbox.ts, without the HMAC token), with the account.
 * inbox_updated carries no `changed_attributes`: the event names our settings, not Chatwoot's values.
 */
const inboxEvent: Builder = async ({ core, event }) => {
  const { widgetId } = event.payload as EventMap['widget.created'] | EventMap['widget.updated'];
  const [account, inbox] = await Promise.all([getOrganization(core, event.organizationId), getWidget(core, event.organizationId, widgetId)]);
  if (!account || !inbox) return undefined;
  return { ...presentInbox(inbox, { administrator: false }), account: presentAccountWebhookData(account) };
};

/** `Contact#webhook_data` of a contact an API made. */
const contactCreated: Builder = async ({ core, event }) => {
  const { contactId } = (event as StoredEvent<'contact.created'>).payload;
  const [account, contact] = await Promise.all([getOrganization(core, event.organizationId), getContactRecord(core, event.organizationId, contactId)]);
  return account && contact ? presentContactWebhookData(contact, account) : undefined;
};

/** How each Chatwoot event's body is built (events.ts says from which of ours; the others are never sent). */
export const BUILDERS: Partial<Record<ChatwootEvent, Builder>> = {
  conversation_status_changed: conversationStatusChanged,
  conversation_updated: conversationUpdated,
  conversation_created: conversationCreated,
  contact_created: contactCreated,
  contact_updated: contactUpdated,
  message_created: messageCreated,
  message_updated: messageUpdated,
  inbox_created: inboxEvent,
  inbox_updated: inboxEvent,
};
