import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { appendMessageRow, type AppendOutcome, type MessageToAppend } from '../../db/repositories/message-append.ts';
import type { Emit } from '../../db/unit-of-work.ts';
import type { MessageContent } from '../../db/schema/index.ts';
import type { Core } from '../context.ts';
import { toMessageView } from '../conversation-view.ts';
import { conflict, DomainError, notFound } from '../errors.ts';
import { createKeyedSerializer } from '../keyed-serializer.ts';
import type { MessageView } from '../types.ts';

/**
 * Every message enters a conversation here, whichever API, socket, bot or timer writes it: one
 * path, one statement (message-append.ts), one `message.created` event. `appendMessage` is the
 * command on its own; `appendMessageInTransaction` is the same write as one step of a larger
 * command (a chat started with its first message, a file with its attachment row).
 */

export type MessageSender =
  | { type: 'visitor'; name?: string | null }
  | { type: 'agent'; userId: string; name: string }
  | { type: 'bot'; botId: string; name: string }
  | { type: 'system' };

export interface MessageDraft {
  organizationId: string;
  conversationId: string;
  sender: MessageSender;
  body: string;
  /** `text` unless said otherwise; a private message is a `note`. */
  kind?: MessageToAppend['kind'];
  content?: MessageContent | null;
  private?: boolean;
  requireContactId?: string;
  requireAssigneeUserId?: string;
  allowClosed?: boolean;
}

function stamp(draft: MessageDraft): { message: MessageToAppend; view: MessageView } {
  const { sender } = draft;
  const isPrivate = draft.private ?? false;
  const message: MessageToAppend = {
    id: randomUUID(),
    organizationId: draft.organizationId,
    conversationId: draft.conversationId,
    createdAt: new Date(),
    senderType: sender.type,
    senderUserId: sender.type === 'agent' ? sender.userId : null,
    senderBotId: sender.type === 'bot' ? sender.botId : null,
    senderName: sender.type === 'system' ? null : (sender.name ?? null),
    kind: draft.kind ?? (isPrivate ? 'note' : 'text'),
    body: draft.body,
    private: isPrivate,
    content: draft.content ?? null,
    ...(draft.requireContactId !== undefined && { requireContactId: draft.requireContactId }),
    ...(draft.requireAssigneeUserId !== undefined && { requireAssigneeUserId: draft.requireAssigneeUserId }),
    ...(draft.allowClosed !== undefined && { allowClosed: draft.allowClosed }),
  };
  // Seq and receipts are known only once stored: the global message order, and nobody has seen it yet.
  const view = toMessageView({ ...message, seq: 0, deliveredAt: null, readAt: null });
  return { message, view };
}

/** The checks the statement made under the conversation's lock, as the errors callers answer. */
function appended(outcome: AppendOutcome): Extract<AppendOutcome, { status: 'appended' }> {
  if (outcome.status === 'not_found') throw notFound('conversation not found');
  if (outcome.status === 'closed') throw conflict('conversation is closed');
  if (outcome.status === 'not_assignee') throw new DomainError('conflict', 'accept the conversation before replying');
  return outcome;
}

/**
 * One conversation's messages are appended and published one at a time. The database already
 * serializes them (the statement locks the conversation), but two statements answer on two pooled
 * connections, and the later commit's answer can be read first: its event would then reach
 * subscribers before the earlier one. Waiting our turn costs nothing the row lock does not.
 */
const conversationTurn = createKeyedSerializer();

/** Stores the message and its event in one statement, then publishes the event. */
export function appendMessage(core: Core, draft: MessageDraft): Promise<MessageView> {
  return conversationTurn(draft.conversationId, async () => {
    const { message, view } = stamp(draft);
    const outcome = appended(await appendMessageRow(core.db, message, { message: view }));
    const stored: MessageView = { ...view, seq: outcome.seq };
    core.bus.publish([
      {
        id: outcome.eventId!,
        type: 'message.created',
        organizationId: message.organizationId,
        widgetId: outcome.widgetId,
        conversationId: message.conversationId,
        payload: { message: stored },
        occurredAt: message.createdAt,
      },
    ]);
    return stored;
  });
}

/** The same write inside the caller's transaction; its event is emitted in order with the command's others. */
export async function appendMessageInTransaction(tx: Executor, emit: Emit, draft: MessageDraft): Promise<MessageView> {
  const { message, view } = stamp(draft);
  const outcome = appended(await appendMessageRow(tx, message, null));
  const stored: MessageView = { ...view, seq: outcome.seq };
  emit({ type: 'message.created', organizationId: message.organizationId, widgetId: outcome.widgetId, conversationId: message.conversationId, payload: { message: stored } });
  return stored;
}
