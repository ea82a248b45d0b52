import type { Static } from 'typebox';
import { acceptConversation } from '../../core/commands/accept-conversation.ts';
import { banVisitor } from '../../core/commands/ban-visitor.ts';
import { closeConversation } from '../../core/commands/close-conversation.ts';
import { markMessages } from '../../core/commands/mark-messages.ts';
import { labelConversation, unlabelConversation } from '../../core/commands/label-conversation.ts';
import { postAgentMessage } from '../../core/commands/post-message.ts';
import { setAgentPresence } from '../../core/commands/set-agent-presence.ts';
import { transferConversation } from '../../core/commands/transfer-conversation.ts';
import { invalid } from '../../core/errors.ts';
import type { TransferTarget } from '../../core/types.ts';
import { requireConversationAccess } from '../conversation-access.ts';
import type { AgentIdentity } from '../identity.ts';
import {
  AcceptFrame,
  AgentSendMessageFrame,
  AgentTypingFrame,
  BanFrame,
  CloseFrame,
  DeliveredFrame,
  LabelFrame,
  ReadFrame,
  SetStatusFrame,
  TransferFrame,
  UnlabelFrame,
} from '../protocol.ts';
import { agentAction, type Action } from './action.ts';

/** The frame's target, with the fields its kind needs; the schema alone cannot say which are required. */
function transferTarget(target: Static<typeof TransferFrame>['target']): TransferTarget {
  if (target.kind === 'agent') {
    if (!target.userId) throw invalid('target.userId', 'target.userId is required when target.kind is agent');
    return { kind: 'agent', userId: target.userId };
  }
  if (!target.widgetId) throw invalid('target.widgetId', `target.widgetId is required when target.kind is ${target.kind}`);
  if (target.kind === 'widget') return { kind: 'widget', widgetId: target.widgetId, ...(target.humanOnly !== undefined && { humanOnly: target.humanOnly }) };
  if (!target.tags) throw invalid('target.tags', 'target.tags is required when target.kind is tags');
  return { kind: 'tags', widgetId: target.widgetId, tags: target.tags };
}

/**
 * What a console user may do. Every command scopes the conversation to the
 * agent's organization, so another tenant's id is "not found" there.
 */
export const agentActions: Record<string, Action<AgentIdentity>> = {
  set_status: agentAction(SetStatusFrame, async ({ core, identity }, frame) => {
    const { status, subStatus, previous, changed } = await setAgentPresence(core, identity.organizationId, identity.user.id, frame.status, frame.subStatus);
    return { status, subStatus, previous, changed };
  }),

  accept: agentAction(AcceptFrame, async ({ core, identity }, frame) => ({
    conversation: await acceptConversation(core, identity.organizationId, frame.conversationId, identity.user.id),
  })),

  send_message: agentAction(AgentSendMessageFrame, async ({ core, identity }, frame) => ({
    message: await postAgentMessage(core, identity.organizationId, frame.conversationId, identity.user.id, frame.body, {
      private: frame.private ?? false,
    }),
  })),

  typing: agentAction(AgentTypingFrame, async ({ core, connection, identity }, frame) => {
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    core.bus.publishEphemeral({
      type: 'agent.typing',
      organizationId: identity.organizationId,
      conversationId: frame.conversationId,
      payload: { conversationId: frame.conversationId, userId: identity.user.id, isTyping: frame.isTyping },
    });
  }),

  transfer: agentAction(TransferFrame, async ({ core, identity }, frame) => ({
    conversation: await transferConversation(core, identity.organizationId, frame.conversationId, transferTarget(frame.target)),
  })),

  label: agentAction(LabelFrame, async ({ core, identity }, frame) => {
    await labelConversation(core, identity.organizationId, frame.conversationId, frame.name, frame.value);
  }),

  unlabel: agentAction(UnlabelFrame, async ({ core, identity }, frame) => {
    await unlabelConversation(core, identity.organizationId, frame.conversationId, frame.name, frame.value);
  }),

  close: agentAction(CloseFrame, async ({ core, identity }, frame) => ({
    conversation: await closeConversation(core, identity.organizationId, frame.conversationId, 'agent'),
  })),

  ban: agentAction(BanFrame, async ({ core, identity }, frame) => {
    await banVisitor(core, identity.organizationId, frame.conversationId, frame.kind, frame.reason);
  }),

  delivered: agentAction(DeliveredFrame, async ({ core, identity }, frame) => {
    await markMessages(core, identity.organizationId, frame.conversationId, 'agent', 'delivered', frame.upToSeq);
  }),

  read: agentAction(ReadFrame, async ({ core, identity }, frame) => {
    await markMessages(core, identity.organizationId, frame.conversationId, 'agent', 'read', frame.upToSeq);
  }),
};
