import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { transcriptRequests } from '../schema/index.ts';

export type TranscriptRequestRow = typeof transcriptRequests.$inferSelect;
export type NewTranscriptRequestRow = typeof transcriptRequests.$inferInsert;

/** Who asks, for counting: the conversation, its visitor, their organization and the address the request came from. */
export interface TranscriptRequestScope {
  organizationId: string;
  conversationId: string;
  contactId: string;
  ip: string | null;
}

/** Requests made in the conversation (ever), and by the visitor, the IP (any organization) and the organization in the last hour. */
export interface TranscriptRequestCounts {
  conversation: number;
  contactLastHour: number;
  ipLastHour: number;
  organizationLastHour: number;
}

export async function insertTranscriptRequest(tx: Executor, values: NewTranscriptRequestRow): Promise<TranscriptRequestRow> {
  const [row] = await tx.insert(transcriptRequests).values(values).returning();
  return row!;
}

/** The request behind a `transcript_requested` notice; undefined for any other message. */
export async function findTranscriptRequestByMessage(db: Executor, messageId: string): Promise<TranscriptRequestRow | undefined> {
  const [row] = await db.select().from(transcriptRequests).where(eq(transcriptRequests.messageId, messageId));
  return row;
}

/** All four counts in one statement; each condition is served by its own index. */
export async function countTranscriptRequests(tx: Executor, scope: TranscriptRequestScope): Promise<TranscriptRequestCounts> {
  const t = transcriptRequests;
  const recent = sql`${t.createdAt} > now() - interval '1 hour'`;
  const fromIp = scope.ip === null ? sql`false` : sql`${t.ip} = ${scope.ip}`;
  const [row] = await tx
    .select({
      conversation: sql<number>`count(*) filter (where ${t.conversationId} = ${scope.conversationId})`.mapWith(Number),
      contactLastHour: sql<number>`count(*) filter (where ${t.contactId} = ${scope.contactId} and ${recent})`.mapWith(Number),
      ipLastHour: sql<number>`count(*) filter (where ${fromIp} and ${recent})`.mapWith(Number),
      organizationLastHour: sql<number>`count(*) filter (where ${t.organizationId} = ${scope.organizationId} and ${recent})`.mapWith(Number),
    })
    .from(t)
    .where(or(eq(t.conversationId, scope.conversationId), and(recent, or(eq(t.organizationId, scope.organizationId), fromIp))));
  return row!;
}
