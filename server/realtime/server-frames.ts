/**
 * What the server sends. Frames that carry a stored event have its `eventId`
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
  data: unknown;
}

/** Typing and previews: never stored, so no eventId and never replayed. */
export interface SignalFrame {
  type: 'signal';
  name: string;
  conversationId: string;
  data: unknown;
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
  /** invalid_json, invalid_frame, unknown_type, invalid, unauthorized, forbidden, not_found, conflict, internal… */
  code: string;
  message: string;
  /** The input to blame, e.g. `target.userId`. */
  field?: string;
}

export interface ReadyFrame {
  type: 'ready';
  role: 'agent' | 'visitor';
  [details: string]: unknown;
}

export interface PongFrame {
  type: 'pong';
  requestId?: string;
}

export type ServerFrame = EventFrame | SignalFrame | AckFrame | ErrorFrame | ReadyFrame | PongFrame;
