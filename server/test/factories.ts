import { createUser } from '../core/commands/create-user.ts';
import { createWidget, type CreateWidgetInput } from '../core/commands/create-widget.ts';
import { keepVisitorContact, openVisitorSession } from '../core/commands/open-visitor-session.ts';
import { setAgentPresence } from '../core/commands/set-agent-presence.ts';
import { updateUser } from '../core/commands/update-user.ts';
import type { Core } from '../core/context.ts';
import type { StoredEvent } from '../core/events.ts';
import { getUser } from '../core/queries/users.ts';
import type { Assignee, ConversationStatus, Presence, User, Widget } from '../core/types.ts';
import { insertConversation } from '../db/repositories/conversations.ts';
import { listEventsAfter } from '../db/repositories/events.ts';
import { bots, contacts } from '../db/schema/index.ts';

/**
 * Test data. Rows that no command creates yet (bots, conversations) are written
 * straight to the test database through the schema tables, so availability tests
 * do not wait for the conversation engine; everything else goes through core commands.
 */

let counter = 0;

export async function insertBot(core: Core, organizationId: string, presence: 'online' | 'offline' = 'online'): Promise<string> {
  const [row] = await core.db.insert(bots).values({ organizationId, name: `Bot ${++counter}`, presence }).returning({ id: bots.id });
  return row!.id;
}

export interface ConversationSeed {
  organizationId: string;
  widgetId: string;
  assignee: Assignee | null;
  status: ConversationStatus;
  /** How many identical conversations to insert (one visitor each). */
  count?: number;
}

/** Inserts conversations, each with its own visitor, and returns their ids. */
export async function insertConversations(core: Core, seed: ConversationSeed): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < (seed.count ?? 1); i++) {
    const [contact] = await core.db
      .insert(contacts)
      .values({ organizationId: seed.organizationId, visitorId: `visitor-${++counter}` })
      .returning({ id: contacts.id });
    const conversation = await insertConversation(core.db, {
      organizationId: seed.organizationId,
      widgetId: seed.widgetId,
      contactId: contact!.id,
      status: seed.status,
      assigneeUserId: seed.assignee?.type === 'user' ? seed.assignee.id : null,
      assigneeBotId: seed.assignee?.type === 'bot' ? seed.assignee.id : null,
    });
    ids.push(conversation.id);
  }
  return ids;
}

/** Every stored event of an organization, oldest first. */
export async function storedEvents(core: Core, organizationId: string): Promise<StoredEvent[]> {
  return listEventsAfter(core.db, organizationId, 0, 10_000);
}

export interface AgentSeed {
  presence?: Presence;
  maxConcurrentChats?: number;
  disabled?: boolean;
}

/** An agent of the organization in the given presence (offline, as created, by default). */
export async function createAgent(core: Core, organizationId: string, seed: AgentSeed = {}): Promise<User> {
  const user = await createUser(core, organizationId, {
    email: `agent${++counter}-${Date.now()}@factory.test`,
    name: `Agent ${counter}`,
    ...(seed.maxConcurrentChats !== undefined && { maxConcurrentChats: seed.maxConcurrentChats }),
  });
  if (seed.presence && seed.presence !== 'offline') await setAgentPresence(core, organizationId, user.id, seed.presence);
  if (seed.disabled) await updateUser(core, organizationId, user.id, { disabled: true });
  return (await getUser(core, organizationId, user.id))!;
}

/** A widget answered by the given users and bots, in that member order. */
export async function createWidgetWith(
  core: Core,
  organizationId: string,
  members: Array<{ userId: string } | { botId: string }>,
  settings: Omit<CreateWidgetInput, 'name' | 'members'> = {},
): Promise<Widget> {
  return createWidget(core, organizationId, {
    name: `Widget ${++counter}`,
    ...settings,
    // People appear under their own name, so tests can expect `agent.name`; display-name.test.ts covers a differing alias.
    members: await Promise.all(
      members.map(async (member, i) => ({
        ...member,
        alias: 'userId' in member ? ((await getUser(core, organizationId, member.userId))?.name ?? `Member ${i + 1}`) : `Member ${i + 1}`,
      })),
    ),
  });
}

export interface VisitorConversation {
  conversationId: string;
  contactId: string;
  /** What the widget presents (x-visitor-token, realtime auth) to be this visitor. */
  visitorToken: string;
}

/** A conversation whose visitor holds a real session token (openVisitorSession), as a widget would. */
export async function insertVisitorConversation(
  core: Core,
  seed: { organizationId: string; widgetId: string; assignee: Assignee | null; status: ConversationStatus },
): Promise<VisitorConversation> {
  const session = await openVisitorSession(core, seed.widgetId);
  // A session alone writes no contact; its chat is what keeps it (here written directly).
  await keepVisitorContact(core.db, seed.organizationId, session);
  const conversation = await insertConversation(core.db, {
    organizationId: seed.organizationId,
    widgetId: seed.widgetId,
    contactId: session.contactId,
    status: seed.status,
    assigneeUserId: seed.assignee?.type === 'user' ? seed.assignee.id : null,
    assigneeBotId: seed.assignee?.type === 'bot' ? seed.assignee.id : null,
  });
  return { conversationId: conversation.id, contactId: session.contactId, visitorToken: session.token };
}
