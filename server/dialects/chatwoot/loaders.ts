import {
  type ContactRecord,
  type Conversation,
  type Core,
  type ConversationEntry,
  getContactRecord,
  getConversationEntry,
  getOrganization,
  getTeamIdsOfUser,
  getTeams,
  getUsers,
  getWidgets,
  listExternalReferences,
  type MessageView,
  type Organization,
  type ReceiptedMessage,
  type Team,
  type User,
  type Widget,
} from '../kit.ts';
import type { ContactInbox } from './presenters/contact.ts';
import type { ConversationData } from './presenters/conversation.ts';
import type { MessageContext, MessageSender } from './presenters/message.ts';
import { messageStatusOf } from './presenters/status.ts';

/**
 * What the presenters need, fetched with core queries (presenters do no I/O). Lists load the
 * organization's inboxes and users once, so a page costs a fixed number of queries plus one per
 * distinct contact.
 */

export const CHATWOOT = 'chatwoot';
export const SOURCE_ID = 'source_id';

/** The organization's inboxes and people, by uuid, for one request. */
export interface Directory {
  inboxes: Map<string, Widget>;
  users: Map<string, User>;
  /** The user the answer is for (a team's `is_member`); none for webhooks. */
  viewerId?: string;
}

export async function loadDirectory(core: Core, organizationId: string, viewerId?: string): Promise<Directory> {
  const [widgets, users] = await Promise.all([getWidgets(core, organizationId), getUsers(core, organizationId)]);
  return { inboxes: new Map(widgets.map((w) => [w.id, w])), users: new Map(users.map((u) => [u.id, u])), ...(viewerId !== undefined && { viewerId }) };
}

/** The teams these conversations are handed to, and the viewer's teams; no query when none has a team. */
async function loadTeams(core: Core, organizationId: string, entries: ConversationEntry[], viewerId: string | undefined) {
  if (!entries.some((entry) => entry.conversation.teamId !== null)) return { teams: new Map<string, Team>(), viewerTeamIds: new Set<string>() };
  const [teams, viewerTeamIds] = await Promise.all([
    getTeams(core, organizationId),
    viewerId === undefined ? new Set<string>() : getTeamIdsOfUser(core, organizationId, viewerId),
  ]);
  return { teams: new Map(teams.map((team) => [team.id, team])), viewerTeamIds };
}

/** The contact's sessions (source_ids) per inbox, oldest first; inboxes since deleted are left out. */
export async function loadContactInboxes(core: Core, contact: ContactRecord, directory: Directory): Promise<Array<ContactInbox & { createdAt: Date }>> {
  const references = await listExternalReferences(core, contact.organizationId, CHATWOOT, SOURCE_ID, contact.id);
  return references.flatMap((reference) => {
    const inbox = directory.inboxes.get(reference.scope);
    return inbox ? [{ sourceId: reference.value, inbox, createdAt: reference.createdAt }] : [];
  });
}

/** Who wrote a message: the conversation's contact, the agent (by uuid), a bot (by the name it wrote under), or nobody (system). */
export function senderOf(message: MessageView, contact: ContactRecord, directory: Directory): MessageSender | null {
  switch (message.senderType) {
    case 'visitor':
      return { type: 'contact', contact };
    case 'agent': {
      const user = message.senderId ? directory.users.get(message.senderId) : undefined;
      return user ? { type: 'user', user } : null;
    }
    case 'bot':
      return { type: 'bot', name: message.senderName ?? 'Bot' };
    case 'system':
      return null;
  }
}

/**
 * The context of a message the request just wrote, from what the route loaded before writing (the
 * hot path of an API backend: no further queries). Its sender is the conversation's contact for
 * an incoming message, the writer for an outgoing one.
 */
export function newMessageContext(
  written: { account: Organization; conversation: Conversation; inbox: Widget; contact: ContactRecord | undefined; writer: User },
  message: MessageView,
  publicUrl: string,
): MessageContext {
  const { account, conversation, inbox, contact, writer } = written;
  const sender: MessageSender | null =
    message.senderType === 'visitor' && contact ? { type: 'contact', contact } : message.senderType === 'agent' ? { type: 'user', user: writer } : null;
  return { account, conversation, inbox, sender, status: 'sent', publicUrl };
}

/** Presenter data for conversation entries (a list page); entries whose inbox or contact vanished are left out. */
export async function loadConversationsData(
  core: Core,
  account: Organization,
  entries: ConversationEntry[],
  publicUrl: string,
  directory?: Directory,
): Promise<ConversationData[]> {
  const known = directory ?? (await loadDirectory(core, account.id));
  const contactIds = [...new Set(entries.map((entry) => entry.conversation.contactId))];
  const contacts = new Map<string, { record: ContactRecord; inboxes: Array<ContactInbox & { createdAt: Date }> }>();
  const [{ teams, viewerTeamIds }] = await Promise.all([
    loadTeams(core, account.id, entries, known.viewerId),
    ...contactIds.map(async (id) => {
      const record = await getContactRecord(core, account.id, id);
      if (record) contacts.set(id, { record, inboxes: await loadContactInboxes(core, record, known) });
    }),
  ]);
  return entries.flatMap(({ conversation, lastMessage, unreadCount }) => {
    const inbox = known.inboxes.get(conversation.widgetId);
    const contact = contacts.get(conversation.contactId);
    if (!inbox || !contact) return [];
    const session = contact.inboxes.find((entry) => entry.inbox.id === inbox.id);
    const assignee = conversation.assignee?.type === 'user' ? (known.users.get(conversation.assignee.id) ?? null) : null;
    const team = conversation.teamId === null ? null : (teams.get(conversation.teamId) ?? null);
    return [
      {
        account,
        conversation,
        inbox,
        contact: contact.record,
        contactInbox: session ? { sourceId: session.sourceId, createdAt: session.createdAt } : null,
        assignee,
        team: team && { team, isMember: viewerTeamIds.has(team.id) },
        lastMessage: lastMessage && {
          message: lastMessage.message,
          sender: senderOf(lastMessage.message, contact.record, known),
          status: messageStatusOf(lastMessage),
        },
        unreadCount,
        publicUrl,
      },
    ];
  });
}

/** Presenter data for one conversation (by uuid), e.g. for a webhook; undefined when it is gone. */
export async function loadConversationData(core: Core, organizationId: string, conversationId: string, publicUrl: string): Promise<ConversationData | undefined> {
  const [account, entry] = await Promise.all([getOrganization(core, organizationId), getConversationEntry(core, organizationId, conversationId)]);
  if (!account || !entry) return undefined;
  return (await loadConversationsData(core, account, [entry], publicUrl))[0];
}

/** The context a message of this conversation is presented with. */
export function messageContextOf(data: ConversationData, message: MessageView, receipts: Pick<ReceiptedMessage, 'deliveredAt' | 'readAt'>, directory: Directory): MessageContext {
  return {
    account: data.account,
    conversation: data.conversation,
    inbox: data.inbox,
    sender: senderOf(message, data.contact, directory),
    status: messageStatusOf(receipts),
    publicUrl: data.publicUrl,
  };
}
