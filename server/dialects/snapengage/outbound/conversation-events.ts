import type { EventMap, StoredEvent } from '../../../core/events.ts';
import { getConversation } from '../../../core/queries/conversations.ts';
import { getWidget } from '../../../core/queries/widgets.ts';
import type { WebhookFormat } from '../../../core/webhook-format.ts';
import type { Assignee, Conversation } from '../../../core/types.ts';
import { agentFields } from './agents.ts';

type CaseEvent = 'caseResponded' | 'caseClosed' | 'caseQueued' | 'caseAssigned' | 'caseLabeled' | 'caseTransferred' | 'caseSurveyed';

/** What a domain event means to the Conversation Events API: the case event, its agent, and its extra fields. */
interface Translation {
  event: CaseEvent;
  /** Absent on caseQueued, which has no agent. */
  agent?: Assignee | null;
  extra?: Record<string, unknown>;
}

/**
 * Conversation Events API, per widget. Each body has exactly the reference's fields:
 * widget_id, widget_name, case_id, event, timestamp; agent_id, agent_email, agent_alias
 * except on caseQueued; label only on caseLabeled; survey_score and survey_comment only
 * on caseSurveyed. caseBroadcasted is never sent: routing offers a chat to one member at a time.
 */
export const conversationEventsFormat: WebhookFormat = {
  id: 'snapengage.conversation-events',
  description: 'SnapEngage Conversation Events API: caseResponded, caseClosed, caseQueued, caseAssigned, caseLabeled, caseTransferred, caseSurveyed',
  scope: 'widget',
  events: ['message.created', 'conversation.closed', 'conversation.queued', 'conversation.assigned', 'conversation.labeled', 'conversation.transferred', 'conversation.rated'],
  emailOnFailure: false,
  async build({ core, event, target }) {
    if (!event.conversationId || !target.widgetId) return undefined;
    const conversation = await getConversation(core, event.organizationId, event.conversationId);
    if (!conversation) return undefined;
    const translation = translate(event, conversation);
    if (!translation) return undefined;
    const widget = await getWidget(core, event.organizationId, target.widgetId);
    const agent = translation.agent ? await agentFields(core, event.organizationId, target.widgetId, translation.agent) : undefined;
    if (translation.event !== 'caseQueued' && !agent) return undefined;
    const body = JSON.stringify({
      widget_id: target.widgetId,
      widget_name: widget?.name ?? '',
      case_id: conversation.id,
      ...agent,
      event: translation.event,
      timestamp: event.occurredAt.getTime(),
      ...translation.extra,
    });
    return { body, contentType: 'application/json', orderingKey: conversation.id };
  },
};

function translate(event: StoredEvent, conversation: Conversation): Translation | undefined {
  switch (event.type) {
    case 'message.created':
      return isFirstResponse(event as StoredEvent<'message.created'>, conversation) ? { event: 'caseResponded', agent: conversation.assignee } : undefined;
    case 'conversation.closed':
      return { event: 'caseClosed', agent: conversation.assignee };
    case 'conversation.queued':
      return { event: 'caseQueued' };
    case 'conversation.assigned':
      return { event: 'caseAssigned', agent: (event.payload as EventMap['conversation.assigned']).assignee };
    case 'conversation.labeled': {
      const { name, value } = event.payload as EventMap['conversation.labeled'];
      return { event: 'caseLabeled', agent: conversation.assignee, extra: { label: { value, name } } };
    }
    case 'conversation.transferred':
      return { event: 'caseTransferred', agent: (event.payload as EventMap['conversation.transferred']).from };
    case 'conversation.rated': {
      const { rating, comment } = event.payload as EventMap['conversation.rated'];
      return { event: 'caseSurveyed', agent: conversation.assignee, extra: { survey_score: rating, survey_comment: comment ?? '' } };
    }
    default:
      return undefined;
  }
}

/** "Responded" is the first answer a visitor sees from a person or bot, not every reply. */
function isFirstResponse(event: StoredEvent<'message.created'>, conversation: Conversation): boolean {
  const { message } = event.payload;
  if ((message.senderType !== 'agent' && message.senderType !== 'bot') || message.private) return false;
  return conversation.firstResponseAt?.getTime() === Date.parse(message.createdAt);
}
