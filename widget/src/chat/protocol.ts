/**
 * The frames of the realtime gateway the widget uses (docs/realtime.md), as the visitor sees them.
 * Only the fields the widget reads are typed; the server may send more.
 */

export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed';

export interface WireMessage {
  id: string;
  seq: number;
  conversationId: string;
  senderType: 'visitor' | 'agent' | 'bot' | 'system';
  senderId: string | null;
  senderName: string | null;
  kind: 'text' | 'note' | 'attachment' | 'structured' | 'event';
  body: string;
  content: MessageContent | null;
  createdAt: string;
}

export interface MessageContent {
  buttons?: Array<{ id?: string; text: string }>;
  cards?: { layout: 'VERTICAL' | 'HORIZONTAL'; items: Array<{ title: string; excerpt?: string; link?: string }> };
  attachment?: { id: string; fileName: string; mimeType: string; size: number };
  event?: { name: string; data?: Record<string, unknown> };
}

export interface WireConversation {
  id: string;
  status: 'queued' | 'open' | 'closed';
  assignee: { type: 'user' | 'bot'; id: string } | null;
}

export interface ReadyFrame {
  type: 'ready';
  visitorToken: string;
  visitorId: string;
  contactId: string;
}

export interface AckFrame {
  type: 'ack';
  action: string;
  requestId?: string;
  [field: string]: unknown;
}

export interface ErrorFrame {
  type: 'error';
  requestId?: string;
  code: string;
  message: string;
  field?: string;
}

export interface EventFrame {
  type: 'event';
  eventId: number;
  name: string;
  conversationId?: string;
  data: Record<string, unknown>;
}

export interface SignalFrame {
  type: 'signal';
  name: string;
  conversationId: string;
  data: { isTyping?: boolean };
}

export type ServerFrame = ReadyFrame | AckFrame | ErrorFrame | EventFrame | SignalFrame | { type: 'pong'; requestId?: string };

/** A refused request, with the gateway's code and the field to blame. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
