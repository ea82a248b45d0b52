import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { attachments } from '../schema/index.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachmentRow = typeof attachments.$inferInsert;

export async function insertAttachment(tx: Executor, values: NewAttachmentRow): Promise<AttachmentRow> {
  const [row] = await tx.insert(attachments).values(values).returning();
  return row!;
}

export async function findAttachment(db: Executor, organizationId: string, id: string): Promise<AttachmentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.organizationId, organizationId), eq(attachments.id, id)));
  return row;
}
