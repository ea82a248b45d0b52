import type { MessageContent } from '../../../../protocol/native-api.ts';
import type { ContactRecord, Conversation, MessageView, Organization, User, Widget } from '../../kit.ts';
import { presentAccountWebhookData, presentContactPushData, presentContactWebhookData, unixSeconds } from './contact.ts';
import type { ChatwootMessageStatus } from './status.ts';
import { presentUserPushData } from './user.ts';

/**
 * Chatwoot's message, in the shapes its code renders (research/chatwoot.md §2.4, §3.3): REST
 * (`api/v1/models/_message.json.jbuilder`: integer `message_type`, unix `created_at`), push data
 * (`Message#push_event_data`, inside conversations) and webhook data (`Message#webhook_data`:
 * string `message_type`, ISO `created_at`). Presenters take loaded data and do no I/O.
 */

/** Who wrote a message, loaded: the conversation's contact, a user, or a bot (by the name it wrote under). */
export type MessageSender = { type: 'contact'; contact: ContactRecord } | { type: 'user'; user: User } | { type: 'bot'; name: string };

/** Everything a message is presented with besides itself. */
export interface MessageContext {
  account: Organization;
  conversation: Conversation;
  inbox: Widget;
  /** Null for system notices (Chatwoot's activity messages have no sender). */
  sender: MessageSender | null;
  status: ChatwootMessageStatus;
  /** Where this server is reached, for attachment URLs. */
  publicUrl: string;
}

/** Chatwoot's message types, as REST (integers) and webhooks (names) carry them. */
const MESSAGE_TYPES = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
type MessageTypeName = keyof typeof MESSAGE_TYPES;

/** Visitors write incoming messages; agents and bots outgoing ones (notes too, with `private`); the system activity. */
function messageTypeOf(message: MessageView): MessageTypeName {
  if (message.senderType === 'visitor') return 'incoming';
  return message.senderType === 'system' ? 'activity' : 'outgoing';
}

/** The words a withdrawn message shows, as Chatwoot's delete writes them. */
export const DELETED_MESSAGE_CONTENT = 'This message was deleted';

const contentOf = (message: MessageView) => (message.content ?? {}) as MessageContent;

const isDeleted = (message: MessageView) => contentOf(message).deletedAt !== undefined;

export const echoIdOf = (message: MessageView): string | undefined => contentOf(message).echoId;

function contentAttributesOf(message: MessageView): Record<string, unknown> {
  const attributes = contentOf(message).attributes ?? {};
  return isDeleted(message) ? { ...attributes, deleted: true } : attributes;
}

const textOf = (message: MessageView): string | null => (isDeleted(message) ? DELETED_MESSAGE_CONTENT : message.body === '' ? null : message.body);

const FILE_TYPES = ['image', 'audio', 'video'] as const;

/**
 * `Attachment#push_event_data`. We keep one file per message, so the message id is the
 * attachment's integer id too. The file is served by the native API (`/native/v1/attachments/…`).
 */
function presentAttachments(message: MessageView, context: MessageContext) {
  const attachment = contentOf(message).attachment;
  if (!attachment || isDeleted(message)) return undefined;
  const family = attachment.mimeType.split('/')[0] ?? '';
  const dataUrl = `${context.publicUrl}/native/v1/attachments/${attachment.id}`;
  return [
    {
      id: message.seq,
      message_id: message.seq,
      file_type: (FILE_TYPES as readonly string[]).includes(family) ? family : 'file',
      account_id: context.account.accountNumber,
      extension: /\.([^.]+)$/.exec(attachment.fileName)?.[1] ?? null,
      data_url: dataUrl,
      thumb_url: family === 'image' ? dataUrl : '',
      file_size: attachment.size,
      width: null,
      height: null,
    },
  ];
}

/**
 * A bot's push data. Our bots have no integer id (they are not Chatwoot agent bots), so `id` is 0:
 * clients tell bots apart by `type`.
 */
const presentBotPushData = (name: string) => ({ id: 0, name, avatar_url: '', type: 'agent_bot' as const });

function presentSenderPushData(sender: MessageSender) {
  switch (sender.type) {
    case 'contact':
      return presentContactPushData(sender.contact);
    case 'user':
      return presentUserPushData(sender.user);
    case 'bot':
      return presentBotPushData(sender.name);
  }
}

function presentSenderWebhookData(sender: MessageSender, account: Organization) {
  switch (sender.type) {
    case 'contact':
      return presentContactWebhookData(sender.contact, account);
    case 'user':
      return { id: sender.user.publicId, name: sender.user.name, email: sender.user.email, type: 'user' as const };
    case 'bot':
      return { id: 0, name: sender.name, type: 'agent_bot' as const };
  }
}

/** Chatwoot's `sender_type` column (its class name) in push data. */
const SENDER_CLASS = { contact: 'Contact', user: 'User', bot: 'AgentBot' } as const;

/** The REST message (`_message.json.jbuilder`). */
export function presentMessage(message: MessageView, context: MessageContext) {
  const echoId = echoIdOf(message);
  const attachments = presentAttachments(message, context);
  return {
    id: message.seq,
    content: textOf(message),
    inbox_id: context.inbox.publicId,
    ...(echoId !== undefined && { echo_id: echoId }),
    conversation_id: context.conversation.number,
    message_type: MESSAGE_TYPES[messageTypeOf(message)],
    content_type: 'text' as const,
    status: context.status,
    content_attributes: contentAttributesOf(message),
    created_at: unixSeconds(new Date(message.createdAt)),
    private: message.private,
    source_id: null,
    ...(context.sender && { sender: presentSenderPushData(context.sender) }),
    ...(attachments && { attachments }),
  };
}

/** What push data adds about the message's conversation (`Message#conversation_push_event_data`). */
export interface ConversationGlimpse {
  /** The assignee's user id (integer), if a user holds it. */
  assigneeId: number | null;
  unreadCount: number;
  /** The contact's source_id in the conversation's inbox, if it has one. */
  sourceId: string | null;
}

/** `Message#push_event_data`: the message's columns with integer times and type, as conversations embed it. */
export function presentMessagePushData(message: MessageView, context: MessageContext, glimpse: ConversationGlimpse) {
  const echoId = echoIdOf(message);
  const attachments = presentAttachments(message, context);
  const createdAt = new Date(message.createdAt);
  return {
    id: message.seq,
    content: textOf(message),
    account_id: context.account.accountNumber,
    inbox_id: context.inbox.publicId,
    conversation_id: context.conversation.number,
    message_type: MESSAGE_TYPES[messageTypeOf(message)],
    created_at: unixSeconds(createdAt),
    updated_at: createdAt.toISOString(),
    private: message.private,
    status: context.status,
    source_id: null,
    content_type: 'text' as const,
    content_attributes: contentAttributesOf(message),
    sender_type: context.sender ? SENDER_CLASS[context.sender.type] : null,
    sender_id: context.sender ? presentSenderPushData(context.sender).id : null,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: textOf(message),
    sentiment: {},
    conversation: {
      assignee_id: glimpse.assigneeId,
      unread_count: glimpse.unreadCount,
      last_activity_at: unixSeconds(context.conversation.lastActivityAt),
      contact_inbox: { source_id: glimpse.sourceId },
    },
    ...(echoId !== undefined && { echo_id: echoId }),
    ...(attachments && { attachments }),
    ...(context.sender && { sender: presentSenderPushData(context.sender) }),
  };
}

/**
 * `Message#webhook_data` (message_created, message_updated): `conversation` is the conversation's
 * push data (conversation.ts, `presentConversationPushData`). Beyond Chatwoot, `echo_id` is sent
 * whenever the message had one, so a receiver can drop the echo of its own message (research §8.5).
 */
export function presentMessageWebhookData(message: MessageView, context: MessageContext, conversationPushData: Record<string, unknown>) {
  const echoId = echoIdOf(message);
  const attachments = presentAttachments(message, context);
  return {
    account: presentAccountWebhookData(context.account),
    additional_attributes: {},
    content_attributes: contentAttributesOf(message),
    content_type: 'text' as const,
    content: textOf(message),
    conversation: conversationPushData,
    created_at: message.createdAt,
    id: message.seq,
    inbox: { id: context.inbox.publicId, name: context.inbox.name },
    message_type: messageTypeOf(message),
    private: message.private,
    sender: context.sender ? presentSenderWebhookData(context.sender, context.account) : null,
    source_id: null,
    ...(echoId !== undefined && { echo_id: echoId }),
    ...(attachments && { attachments }),
  };
}
