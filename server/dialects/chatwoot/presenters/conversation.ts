import type { ContactRecord, Conversation, MessageView, Organization, Team, User, Widget } from '../../kit.ts';
import { presentContact, presentContactPushData, unixSeconds } from './contact.ts';
import { channelTypeOf } from './inbox.ts';
import { presentMessagePushData, type ConversationGlimpse, type MessageSender } from './message.ts';
import { presentAgent, presentUserPushData } from './user.ts';
import { chatwootStatusOf, type ChatwootMessageStatus } from './status.ts';
import { presentTeam, presentTeamPushData } from './team.ts';

/**
 * Chatwoot's conversation, in the two shapes its code renders (research/chatwoot.md §2.3, §3.3):
 * the REST conversation (`api/v1/conversations/partials/_conversation.json.jbuilder`) and the push
 * data of conversation events and webhooks (`Conversations::EventDataPresenter#push_data`). Both
 * take a `ConversationData` that loaders.ts fetches; presenters do no I/O.
 */

/** A conversation with everything its Chatwoot shapes show. */
export interface ConversationData {
  account: Organization;
  conversation: Conversation;
  inbox: Widget;
  contact: ContactRecord;
  /** The contact's session in this inbox (its `source_id`), when it has one (API inboxes). */
  contactInbox: { sourceId: string; createdAt: Date } | null;
  /** The user the conversation is assigned to (a bot assignee shows as none). */
  assignee: User | null;
  /** The team it is handed to, and whether the user the answer is for is in it. */
  team: { team: Team; isMember: boolean } | null;
  /** The newest message that is not a system notice, with its sender and delivery status. */
  lastMessage: { message: MessageView; sender: MessageSender | null; status: ChatwootMessageStatus } | null;
  /** Visitor messages no agent has read yet. */
  unreadCount: number;
  /** Where this server is reached, for attachment URLs. */
  publicUrl: string;
}

/** Chatwoot labels are plain names; ours carry a value, shown as `name:value` when set. */
export const labelNamesOf = (conversation: Conversation) => conversation.labels.map(({ name, value }) => (value === '' ? name : `${name}:${value}`));

function glimpseOf(data: ConversationData): ConversationGlimpse {
  return { assigneeId: data.assignee?.publicId ?? null, unreadCount: data.unreadCount, sourceId: data.contactInbox?.sourceId ?? null };
}

function lastMessagePushData(data: ConversationData) {
  if (!data.lastMessage) return null;
  const { message, sender, status } = data.lastMessage;
  return presentMessagePushData(message, { account: data.account, conversation: data.conversation, inbox: data.inbox, sender, status, publicUrl: data.publicUrl }, glimpseOf(data));
}

/**
 * Chatwoot starts the clock it shows agents when a conversation waits for a first reply; ours
 * waits from its start until an agent's first answer (0 once answered or closed, as Chatwoot's nil).
 */
function waitingSince(conversation: Conversation): number {
  return conversation.firstResponseAt === null && conversation.status !== 'closed' ? unixSeconds(conversation.createdAt) : 0;
}

const orZero = (date: Date | null) => (date ? unixSeconds(date) : 0);

/** The REST conversation (list, show, create, the contact's conversations). */
export function presentConversation(data: ConversationData) {
  const { conversation, assignee } = data;
  const last = lastMessagePushData(data);
  return {
    meta: {
      sender: presentContact(data.contact),
      channel: channelTypeOf(data.inbox.channel),
      ...(assignee && { assignee: presentAgent(assignee, data.account), assignee_type: 'User' as const }),
      ...(data.team && { team: presentTeam(data.team.team, data.account, data.team.isMember) }),
      hmac_verified: false,
    },
    id: conversation.number,
    messages: last ? [last] : [],
    account_id: data.account.accountNumber,
    uuid: conversation.id,
    additional_attributes: {},
    agent_last_seen_at: 0,
    assignee_last_seen_at: 0,
    can_reply: true,
    contact_last_seen_at: orZero(data.contact.lastSeenAt),
    custom_attributes: conversation.customAttributes,
    inbox_id: data.inbox.publicId,
    labels: labelNamesOf(conversation),
    muted: false,
    snoozed_until: null,
    status: chatwootStatusOf(conversation.status),
    created_at: unixSeconds(conversation.createdAt),
    updated_at: conversation.lastActivityAt.getTime() / 1000,
    timestamp: unixSeconds(conversation.lastActivityAt),
    first_reply_created_at: orZero(conversation.firstResponseAt),
    unread_count: data.unreadCount,
    last_non_activity_message: last,
    last_activity_at: unixSeconds(conversation.lastActivityAt),
    priority: conversation.priority,
    waiting_since: waitingSince(conversation),
    sla_policy_id: null,
  };
}

/**
 * `EventDataPresenter#push_data`: the conversation in webhooks and in a message webhook's
 * `conversation`. Its `contact_inbox` is Chatwoot's raw row without `pubsub_token` (Chatwoot leaks
 * that secret here; research §9) and without the row's own id, which we do not have.
 */
export function presentConversationPushData(data: ConversationData) {
  const { conversation, assignee } = data;
  const last = lastMessagePushData(data);
  return {
    additional_attributes: {},
    can_reply: true,
    channel: channelTypeOf(data.inbox.channel),
    contact_inbox: data.contactInbox && {
      contact_id: data.contact.publicId,
      inbox_id: data.inbox.publicId,
      source_id: data.contactInbox.sourceId,
      created_at: data.contactInbox.createdAt.toISOString(),
      updated_at: data.contactInbox.createdAt.toISOString(),
      hmac_verified: false,
    },
    id: conversation.number,
    inbox_id: data.inbox.publicId,
    messages: last ? [last] : [],
    labels: labelNamesOf(conversation),
    meta: {
      sender: presentContactPushData(data.contact),
      assignee: assignee && presentUserPushData(assignee),
      assignee_type: assignee ? ('User' as const) : null,
      team: data.team && presentTeamPushData(data.team.team),
      hmac_verified: false,
    },
    status: chatwootStatusOf(conversation.status),
    custom_attributes: conversation.customAttributes,
    snoozed_until: null,
    unread_count: data.unreadCount,
    first_reply_created_at: conversation.firstResponseAt?.toISOString() ?? null,
    priority: conversation.priority,
    waiting_since: waitingSince(conversation),
    agent_last_seen_at: 0,
    contact_last_seen_at: orZero(data.contact.lastSeenAt),
    last_activity_at: unixSeconds(conversation.lastActivityAt),
    timestamp: unixSeconds(conversation.lastActivityAt),
    created_at: unixSeconds(conversation.createdAt),
    updated_at: conversation.lastActivityAt.getTime() / 1000,
  };
}
