import { deleteCannedResponseRow } from '../../db/repositories/canned-responses.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

export async function deleteCannedResponse(core: Core, organizationId: string, id: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (!(await deleteCannedResponseRow(tx, organizationId, id))) throw notFound('canned response not found');
  });
}
