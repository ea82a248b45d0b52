import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { EventType, NewEvent, StoredEvent } from '../../core/events.ts';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { domainEvents } from '../schema/index.ts';

export async function appendEvents(tx: Executor, events: readonly NewEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx
    .insert(domainEvents)
    .values(
      events.map((e) => ({
        organizationId: e.organizationId,
        type: e.type,
        widgetId: e.widgetId ?? null,
        conversationId: e.conversationId ?? null,
        userId: e.userId ?? null,
        payload: e.payload as unknown as Record<string, unknown>,
      })),
    )
    .returning();
  return rows.map(toStoredEvent);
}

/** Events of one organization after a known position, oldest first (for resume and replay). */
export async function listEventsAfter(db: Executor, organizationId: string, afterId: number, limit: number) {
  const rows = await db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.organizationId, organizationId), gt(domainEvents.id, afterId)))
    .orderBy(asc(domainEvents.id))
    .limit(limit);
  return rows.map(toStoredEvent);
}

/** One conversation's events of the given types, in the order they were stored. */
export async function listConversationEvents(db: Executor, organizationId: string, conversationId: string, types: readonly EventType[]) {
  const rows = await db
    .select()
    .from(domainEvents)
    .where(
      and(
        eq(domainEvents.organizationId, organizationId),
        eq(domainEvents.conversationId, conversationId),
        inArray(domainEvents.type, [...types]),
      ),
    )
    .orderBy(asc(domainEvents.id));
  return rows.map(toStoredEvent);
}

/** The given types of events of several conversations, up to an event id, in the order they were stored. */
export async function listEventsOfConversations(
  db: Executor,
  scope: { organizationIds: readonly string[]; conversationIds: readonly string[] },
  types: readonly EventType[],
  upToId: number,
) {
  const rows = await db
    .select()
    .from(domainEvents)
    .where(
      and(
        inArray(domainEvents.organizationId, [...scope.organizationIds]),
        inArray(domainEvents.conversationId, [...scope.conversationIds]),
        inArray(domainEvents.type, [...types]),
        lte(domainEvents.id, upToId),
      ),
    )
    .orderBy(asc(domainEvents.id));
  return rows.map(toStoredEvent);
}

/** Events of one conversation after a known position, oldest first (a realtime client resuming a chat). */
export async function listConversationEventsAfter(db: Executor, organizationId: string, conversationId: string, afterId: number, limit: number) {
  if (!isUuid(conversationId)) return [];
  const rows = await db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.conversationId, conversationId), eq(domainEvents.organizationId, organizationId), gt(domainEvents.id, afterId)))
    .orderBy(asc(domainEvents.id))
    .limit(limit);
  return rows.map(toStoredEvent);
}

export function toStoredEvent(row: typeof domainEvents.$inferSelect): StoredEvent {
  return {
    id: row.id,
    type: row.type as StoredEvent['type'],
    organizationId: row.organizationId,
    payload: row.payload as never,
    occurredAt: row.occurredAt,
    ...(row.widgetId && { widgetId: row.widgetId }),
    ...(row.conversationId && { conversationId: row.conversationId }),
    ...(row.userId && { userId: row.userId }),
  };
}
