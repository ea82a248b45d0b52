import { findBan, findContact, insertContact, updateContactRow } from '../../db/repositories/contacts.ts';
import { insertConversation } from '../../db/repositories/conversations.ts';
import { findWidget } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import { isWithinSchedule } from '../availability.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { chooseMember } from '../routing.ts';
import type { Conversation, ConversationSource, MessageView, VisitorContext } from '../types.ts';
import { normalizeEmail } from '../validation.ts';
import { listMemberLoads } from '../queries/widget-availability.ts';
import { appendMessageInTransaction } from './append-message.ts';
import { closeInTransaction, routeConversation } from './conversation-steps.ts';
import { keepVisitorContact, type VisitorKey } from './open-visitor-session.ts';

export interface StartConversationInput {
  widgetId: string;
  /** The visitor, when known; otherwise a new contact is made from `visitor`. */
  contactId?: string;
  /** A widget's visitor (openVisitorSession): their contact is written with this chat if it is their first. */
  session?: VisitorKey;
  visitor?: { name?: string | null; email?: string | null; phone?: string | null };
  context?: VisitorContext;
  /** The visitor's first message (required when the widget says so). */
  message?: string;
  /** `offline` leaves a message without trying to reach anyone. */
  source?: ConversationSource;
}

export interface StartedConversation {
  conversation: Conversation;
  firstMessage: MessageView | null;
  /** True when the widget was offline and the chat became an offline message. */
  offline: boolean;
}

const MESSAGE_MAX = 10_000;

/**
 * A visitor starts a chat: checks bans and the widget's rules, stores the
 * conversation with the visitor's context and first message, then routes it to
 * an available member or queues it. When a web widget is offline (schedule,
 * conversations disabled, nobody online) the chat is kept as an offline message; other channels'
 * conversations always wait in the queue.
 */
export async function startConversation(core: Core, organizationId: string, input: StartConversationInput): Promise<StartedConversation> {
  const widget = await findWidget(core.db, organizationId, input.widgetId);
  if (!widget) throw notFound('widget not found');
  const message = input.message?.trim() ?? '';
  if (message.length > MESSAGE_MAX) throw invalid('message', `message must be at most ${MESSAGE_MAX} characters`);
  if (widget.messageRequired && message === '') throw invalid('message', 'message is required by this widget');
  const email = input.visitor?.email ? normalizeEmail('email', input.visitor.email) : null;
  if (widget.emailRequired && !email) throw invalid('email', 'email is required by this widget');
  await refuseBanned(core, organizationId, widget.blockedIps, input);

  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const contact = input.session
      ? await keepVisitorContact(tx, organizationId, input.session)
      : input.contactId
        ? await findContact(tx, organizationId, input.contactId)
        : await insertContact(tx, { organizationId });
    if (!contact) throw notFound('visitor not found');
    const details = { ...(input.visitor?.name && { name: input.visitor.name }), ...(email && { email }), ...(input.visitor?.phone && { phone: input.visitor.phone }) };
    if (Object.keys(details).length > 0) await updateContactRow(tx, organizationId, contact.id, { ...details, lastSeenAt: new Date() });

    // A backend's channel (an API inbox, an external chat server) owns the contact's side and has
    // no "leave a message" form: its conversations wait in the queue for an agent, whoever is online.
    const waitsForAgents = widget.channelType !== 'web_widget';
    const open =
      input.source !== 'offline' &&
      (waitsForAgents ||
        (widget.conversationsEnabled && isWithinSchedule(widget.schedule, new Date()) && chooseMember(await listMemberLoads(tx, widget.id)) !== undefined));
    const source: ConversationSource = open ? (input.source ?? 'manual') : 'offline';
    let row = await insertConversation(tx, {
      organizationId,
      widgetId: widget.id,
      contactId: contact.id,
      source,
      visitorContext: input.context ?? {},
      language: input.context?.locale ?? null,
    });
    emit({
      type: 'conversation.started',
      organizationId,
      widgetId: widget.id,
      conversationId: row.id,
      payload: { conversationId: row.id, widgetId: widget.id, contactId: contact.id, number: row.number, source },
    });
    const firstMessage = message
      ? await appendMessageInTransaction(tx, emit, { organizationId, conversationId: row.id, sender: { type: 'visitor', name: details.name ?? null }, body: message })
      : null;
    row = open ? await routeConversation(tx, emit, row, {}, 'routing') : await closeInTransaction(tx, emit, row, 'no_agents_found');
    return { conversation: toConversation(row), firstMessage, offline: !open };
  });
}

async function refuseBanned(core: Core, organizationId: string, blockedIps: string[], input: StartConversationInput) {
  const ip = input.context?.ip;
  const contactId = input.session?.contactId ?? input.contactId;
  const visitorBan = contactId && (await findBan(core.db, organizationId, 'visitor', contactId));
  const ipBan = ip && (blockedIps.includes(ip) || (await findBan(core.db, organizationId, 'ip', ip)));
  if (visitorBan || ipBan) throw new DomainError('forbidden', 'this visitor may not start chats');
}
