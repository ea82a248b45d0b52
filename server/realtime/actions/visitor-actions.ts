import { closeConversation } from '../../core/commands/close-conversation.ts';
import { postVisitorMessage } from '../../core/commands/post-message.ts';
import { startConversation } from '../../core/commands/start-conversation.ts';
import { markMessages } from '../../core/commands/mark-messages.ts';
import { rateConversation, recordPageView } from '../../core/commands/visitor-activity.ts';
import { buildVisitorContext } from '../../core/visitor-context.ts';
import { rememberConversation, requireConversationAccess } from '../conversation-access.ts';
import type { VisitorIdentity } from '../identity.ts';
import {
  CloseFrame,
  DeliveredFrame,
  PageViewFrame,
  RateFrame,
  ReadFrame,
  StartChatFrame,
  VisitorSendMessageFrame,
  VisitorTypingFrame,
} from '../protocol.ts';
import { visitorConversation } from '../presenters.ts';
import { visitorAction, type Action } from './action.ts';
import { subscribeAndReplay } from './subscription-actions.ts';

/**
 * What a visitor's widget may do. Commands that take the contact check
 * ownership themselves; the others are guarded here with requireConversationAccess.
 */
export const visitorActions: Record<string, Action<VisitorIdentity>> = {
  start_chat: visitorAction(StartChatFrame, async (context, frame) => {
    const { core, connection, identity, messages } = context;
    if (frame.message) messages.spend({ contactId: identity.contactId });
    // IP and user agent come from the upgrade request, never from the frame: a visitor cannot claim another's IP.
    const visitorContext = buildVisitorContext({
      ip: connection.client.ip,
      userAgent: connection.client.userAgent ?? null,
      pageUrl: frame.pageUrl ?? null,
      entryUrl: frame.entryUrl ?? null,
      referrerUrl: frame.referrerUrl ?? null,
      locale: frame.locale ?? null,
      customFields: frame.customFields ?? null,
    });
    const started = await startConversation(core, identity.organizationId, {
      widgetId: frame.widgetId ?? identity.widgetId,
      // Starting a chat is what makes the visitor worth a contact row.
      session: identity,
      visitor: { name: frame.name ?? null, email: frame.email ?? null, phone: frame.phone ?? null },
      context: visitorContext,
      ...(frame.message !== undefined && { message: frame.message }),
      ...(frame.source && { source: frame.source }),
    });
    const conversationId = started.conversation.id;
    rememberConversation(connection, conversationId);
    // Its first events (started, the message, assigned or queued) were published before anyone could
    // subscribe; replaying from 0 right after the ack delivers them, then live ones follow.
    context.afterAck(async () => void (await subscribeAndReplay(context, { topic: 'conversation', conversationId }, 0)));
    return { conversation: visitorConversation(started.conversation), offline: started.offline, message: started.firstMessage };
  }),

  send_message: visitorAction(VisitorSendMessageFrame, async ({ core, connection, identity, messages }, frame) => {
    // Ownership first (remembered per socket), so nobody spends another visitor's conversation allowance.
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    messages.spend({ contactId: identity.contactId, conversationId: frame.conversationId });
    return { message: await postVisitorMessage(core, identity.organizationId, frame.conversationId, identity.contactId, frame.body) };
  }),

  typing: visitorAction(VisitorTypingFrame, async ({ core, connection, identity }, frame) => {
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    core.bus.publishEphemeral({
      type: 'visitor.typing',
      organizationId: identity.organizationId,
      conversationId: frame.conversationId,
      // A visitor who stopped typing has nothing to preview; an old preview must not linger on the agent's screen.
      payload: { conversationId: frame.conversationId, isTyping: frame.isTyping, preview: frame.isTyping ? (frame.preview ?? '') : '' },
    });
  }),

  page_view: visitorAction(PageViewFrame, async ({ core, identity }, frame) => {
    await recordPageView(core, identity.organizationId, frame.conversationId, identity.contactId, frame.url, frame.title);
  }),

  rate: visitorAction(RateFrame, async ({ core, identity }, frame) => {
    await rateConversation(core, identity.organizationId, frame.conversationId, identity.contactId, frame.rating, frame.comment);
  }),

  close: visitorAction(CloseFrame, async ({ core, connection, identity }, frame) => {
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    return { conversation: visitorConversation(await closeConversation(core, identity.organizationId, frame.conversationId, 'visitor')) };
  }),

  delivered: visitorAction(DeliveredFrame, async ({ core, connection, identity }, frame) => {
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    await markMessages(core, identity.organizationId, frame.conversationId, 'visitor', 'delivered', frame.upToSeq);
  }),

  read: visitorAction(ReadFrame, async ({ core, connection, identity }, frame) => {
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    await markMessages(core, identity.organizationId, frame.conversationId, 'visitor', 'read', frame.upToSeq);
  }),
};
