import type { EventFrame, WireMessage } from './protocol.ts';
import type { Line, PostChat, WidgetState } from './state.ts';

/** What an event means beyond the state: the controller turns these into callbacks and sounds. */
export type Effect =
  | { type: 'received'; from: string; text: string }
  | { type: 'ended'; endedByUser: boolean }
  /** A bot's GOTO command: take the visitor's page to this http(s) address. */
  | { type: 'navigate'; url: string };

/** The address of a bot's GOTO (a `goto` event on its message), when it is a web address. */
function gotoUrl(message: WireMessage): string | undefined {
  const event = message.content?.event as { name?: string; data?: { url?: unknown } } | undefined;
  const url = event?.name === 'goto' ? event.data?.url : undefined;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}

export interface Applied {
  patch: Partial<WidgetState>;
  effects: Effect[];
}

const NOTHING: Applied = { patch: {}, effects: [] };

function withLine(state: WidgetState, line: Line): Line[] {
  return state.lines.some((existing) => existing.id === line.id) ? state.lines : [...state.lines, line];
}

/**
 * After the close: the rating, then the survey, each only when the widget asks for it. The
 * survey's comment travels with the rating (the `rate` frame needs one), so it follows a rating.
 */
export function postChatAfter(step: 'closed' | 'rated', state: WidgetState): PostChat {
  const settings = state.config?.settings;
  if (step === 'closed') return settings?.rating.enabled ? 'rating' : 'done';
  return settings?.survey.enabled ? 'survey' : 'done';
}

function messageCreated(state: WidgetState, message: WireMessage): Applied {
  if (state.lines.some((line) => line.id === message.id)) return NOTHING;
  const lines = withLine(state, { type: 'message', id: message.id, message });
  const fromTeam = message.senderType === 'agent' || message.senderType === 'bot';
  if (!fromTeam) return { patch: { lines }, effects: [] };
  const received: Effect = { type: 'received', from: message.senderName ?? state.agent?.alias ?? '', text: message.body };
  const goto = message.senderType === 'bot' ? gotoUrl(message) : undefined;
  return {
    patch: { lines, agentTyping: false, unread: state.panelOpen ? state.unread : state.unread + 1 },
    effects: goto ? [received, { type: 'navigate', url: goto }] : [received],
  };
}

/** The state after one stored event of the visitor's conversation (docs/realtime.md, "What visitors see"). */
export function applyEvent(state: WidgetState, event: EventFrame): Applied {
  const data = event.data;
  switch (event.name) {
    case 'message.created':
      return messageCreated(state, data.message as WireMessage);
    case 'conversation.queued':
      return { patch: { status: 'queued', lines: withLine(state, { type: 'notice', id: `e${event.eventId}`, key: 'waiting' }) }, effects: [] };
    case 'conversation.assigned': {
      const assignee = data.assignee as { id: string } | undefined;
      const agent = state.config?.agents.find((candidate) => candidate.id === assignee?.id);
      const notice: Line = { type: 'notice', id: `e${event.eventId}`, key: 'agentJoined', values: { name: agent?.alias ?? '' } };
      return { patch: { status: 'open', agent, lines: agent ? withLine(state, notice) : state.lines }, effects: [] };
    }
    case 'conversation.closed':
      return {
        patch: {
          status: 'closed',
          agentTyping: false,
          postChat: postChatAfter('closed', state),
          lines: withLine(state, { type: 'notice', id: `e${event.eventId}`, key: 'chatEnded' }),
        },
        effects: [{ type: 'ended', endedByUser: data.closedBy === 'visitor' }],
      };
    case 'conversation.rated': {
      if (typeof data.comment === 'string' && data.comment !== '') return { patch: { postChat: 'done' }, effects: [] };
      return state.postChat === 'rating' ? { patch: { postChat: postChatAfter('rated', state) }, effects: [] } : NOTHING;
    }
    case 'messages.read': {
      const reader = data.reader;
      const upToSeq = Number(data.upToSeq);
      return reader !== 'visitor' && upToSeq > state.readUpToSeq ? { patch: { readUpToSeq: upToSeq }, effects: [] } : NOTHING;
    }
    default:
      return NOTHING;
  }
}
