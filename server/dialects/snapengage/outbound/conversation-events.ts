import {
  type Assignee,
  type Conversation,
  type Core,
  type EventMap,
  getAssigneeAt,
  getConversation,
  getWidget,
  type MessageView,
  type StoredEvent,
  type WebhookFormat,
} from '../../kit.ts';
import { agentFields } from './agents.ts';

type CaseEvent = 'caseResponded' | 'caseClosed' | 'caseQueued' | 'caseAssigned' | 'caseLabeled' | 'caseTransferred' | 'caseSurveyed';

/** What a domain event means to the Conversation Events API: the case event, its agent, and its extra fields. */
interface Translation {
  event: CaseEvent;
  /** Absent on caseQueued; null when nobody had the case (a queued chat that closes). */
  agent?: Assignee | null;
  extra?: Record<string, unknown>;
}

/**
 * Conversation Events API, per widget. Each body has exactly the reference's fields:
 * widget_id, widget_name, case_id, event, timestamp; agent_id, agent_email, agent_alias
 * except on caseQueued; label only on caseLabeled; survey_score and survey_comment only
 * on caseSurveyed. The agent is the one who had the case when the event happened (bodies are
 * built after the fact); a case closed while queued has none, so it goes without agent fields.
 * caseBroadcasted is never sent: routing offers a chat to one member at a time.
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
    const translation = await translate(core, event, conversation);
    if (!translation) return undefined;
    const widget = await getWidget(core, event.organizationId, target.widgetId);
    const agent = translation.agent ? await agentFields(core, event.organizationId, target.widgetId, translation.agent) : undefined;
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

async function translate(core: Core, event: StoredEvent, conversation: Conversation): Promise<Translation | undefined> {
  const assignee = () => getAssigneeAt(core, event.organizationId, conversation.id, event.id);
  switch (event.type) {
    case 'message.created': {
      const { message } = (event as StoredEvent<'message.created'>).payload;
      if (!isFirstResponse(message, conversation) || !message.senderId) return undefined;
      return { event: 'caseResponded', agent: { type: message.senderType === 'bot' ? 'bot' : 'user', id: message.senderId } };
    }
    case 'conversation.closed':
      return { event: 'caseClosed', agent: await assignee() };
    case 'conversation.queued':
      return { event: 'caseQueued' };
    case 'conversation.assigned':
      return { event: 'caseAssigned', agent: (event.payload as EventMap['conversation.assigned']).assignee };
    case 'conversation.labeled': {
      const { name, value } = event.payload as EventMap['conversation.labeled'];
      return { event: 'caseLabeled', agent: await assignee(), extra: { label: { value, name } } };
    }
    case 'conversation.transferred':
      return { event: 'caseTransferred', agent: (event.payload as EventMap['conversation.transferred']).from };
    case 'conversation.rated': {
      const { rating, comment } = event.payload as EventMap['conversation.rated'];
      return { event: 'caseSurveyed', agent: await assignee(), extra: { survey_score: rating, survey_comment: comment ?? '' } };
    }
    default:
      return undefined;
  }
}

/** "Responded" is the first answer a visitor sees from a person or bot, not every reply. */
function isFirstResponse(message: MessageView, conversation: Conversation): boolean {
  if ((message.senderType !== 'agent' && message.senderType !== 'bot') || message.private) return false;
  return conversation.firstResponseAt?.getTime() === Date.parse(message.createdAt);
}
