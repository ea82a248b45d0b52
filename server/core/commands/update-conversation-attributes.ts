import { updateConversationRow } from '../../db/repositories/conversations.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { toConversation } from '../conversation-view.ts';
import { invalid } from '../errors.ts';
import type { Conversation, ConversationPriority } from '../types.ts';
import { lockConversation } from './conversation-steps.ts';

export interface ConversationAttributeChanges {
  /** Null clears it. */
  priority?: ConversationPriority | null;
  /** Replaces the conversation's custom attributes (callers that merge read them first). */
  customAttributes?: Record<string, unknown>;
}

const ATTRIBUTES_MAX_BYTES = 16_384;

/**
 * Sets what an integration keeps on a conversation (closed ones too: their attributes are still
 * the integration's record). Emits `conversation.updated` naming what changed, nothing when nothing did.
 */
export async function updateConversationAttributes(core: Core, organizationId: string, conversationId: string, changes: ConversationAttributeChanges): Promise<Conversation> {
  if (changes.customAttributes && JSON.stringify(changes.customAttributes).length > ATTRIBUTES_MAX_BYTES) {
    throw invalid('custom_attributes', `custom_attributes must be at most ${ATTRIBUTES_MAX_BYTES} bytes of JSON`);
  }
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await lockConversation(tx, organizationId, conversationId, true);
    const changed = [
      ...(changes.priority !== undefined && changes.priority !== row.priority ? ['priority'] : []),
      ...(changes.customAttributes && JSON.stringify(changes.customAttributes) !== JSON.stringify(row.customAttributes) ? ['customAttributes'] : []),
    ];
    if (changed.length === 0) return toConversation(row);
    const updated = await updateConversationRow(tx, row.id, {
      ...(changed.includes('priority') && { priority: changes.priority }),
      ...(changed.includes('customAttributes') && { customAttributes: changes.customAttributes }),
    });
    emit({ type: 'conversation.updated', organizationId, widgetId: row.widgetId, conversationId, payload: { conversationId, changes: changed } });
    return toConversation(updated);
  });
}
