import type { UserView } from './native-api.ts';

/**
 * What the realtime gateway sends (docs/realtime.md). The server builds its frames
 * with these types and the console and the widget read them with the same ones
 * (type-only imports). Frames that carry a stored event have its `eventId`
 * (the domain_events id), which is what a client resumes from.
 */

export interface EventFrame {
  type: 'event';
  eventId: number;
  /** The event's name from the vocabulary, e.g. `message.created`. */
  name: string;
  occurredAt: string;
  conversationId?: string;
  widgetId?: string;
  /** Agents only: the user the event is about, when there is one. */
  userId?: string;
  /** Agents: the stored payload (server/core/events.ts); visitors: the reduced view of server/realtime/visibility.ts. */
  data: Record<string, unknown>;
}

/** Typing and previews: never stored, so no eventId and never replayed. */
export interface SignalFrame {
  type: 'signal';
  name: 'visitor.typing' | 'agent.typing';
  conversationId: string;
  /** `preview` only in `visitor.typing` (agents only); `userId` only in `agent.typing` sent to agents. */
  data: { conversationId: string; isTyping: boolean; preview?: string; userId?: string };
}

export interface AckFrame {
  type: 'ack';
  requestId?: string;
  /** The client frame's type, so clients that send no requestId can still match answers. */
  action: string;
  [result: string]: unknown;
}

export interface ErrorFrame {
  type: 'error';
  requestId?: string;
  /** invalid_json, invalid_frame, unknown_type, invalid, unauthorized, forbidden, not_found, conflict, rate_limited, internal… */
  code: string;
  message: string;
  /** The input to blame, e.g. `target.userId`. */
  field?: string;
  /** `rate_limited`: whole seconds until the allowance starts afresh. */
  retryAfter?: number;
}

/** The answer to an agent's `auth`: who is signed in. */
export interface AgentReadyFrame {
  type: 'ready';
  role: 'agent';
  requestId?: string;
  user: Pick<UserView, 'id' | 'organizationId' | 'name' | 'alias' | 'email' | 'role' | 'presence'>;
}

/** The answer to a visitor's `auth`; the widget keeps `visitorToken` to stay the same visitor next time. */
export interface VisitorReadyFrame {
  type: 'ready';
  role: 'visitor';
  requestId?: string;
  widgetId: string;
  visitorToken: string;
  visitorId: string;
  contactId: string;
}

export type ReadyFrame = AgentReadyFrame | VisitorReadyFrame;

export interface PongFrame {
  type: 'pong';
  requestId?: string;
}

/**
 * Where a `transfer` frame sends a conversation: a named agent, another widget, or the members
 * with given tags. Also the `target` of a `conversation.transferred` event.
 */
export type TransferTarget =
  | { kind: 'agent'; userId: string }
  | { kind: 'widget'; widgetId: string; humanOnly?: boolean }
  | { kind: 'tags'; widgetId: string; tags: string[] };

export type ServerFrame = EventFrame | SignalFrame | AckFrame | ErrorFrame | ReadyFrame | PongFrame;
