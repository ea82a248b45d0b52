import type { ConversationView, MessageContent, MessageView } from '../../../protocol/native-api.ts';
import type { AgentReadyFrame, ServerFrame as AnyServerFrame } from '../../../protocol/realtime.ts';

/**
 * The realtime frames the widget reads (docs/realtime.md), taken type-only from the server's
 * own definitions in protocol/, so a changed field breaks this build instead of drifting;
 * nothing of protocol/ reaches the script. What is declared here is the widget's own.
 */

export type { AckFrame, EventFrame, SignalFrame, VisitorReadyFrame as ReadyFrame } from '../../../protocol/realtime.ts';
export type { MessageContent };

/** A visitor's socket never receives an agent's `ready`. */
export type ServerFrame = Exclude<AnyServerFrame, AgentReadyFrame>;

/**
 * A message as the visitor receives it, its `content` read as the structured parts the server
 * stores there. Without `private`: visitors are only ever sent public messages.
 */
export type WireMessage = Omit<MessageView, 'content' | 'private'> & { content: MessageContent | null };

/** What the widget reads of the conversation in a `start_chat` or `close` ack. */
export type WireConversation = Pick<ConversationView, 'id' | 'status' | 'assignee'>;

export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed';

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
