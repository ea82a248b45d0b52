import { deleteLabelDefinitionRow } from '../../db/repositories/labels.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/** Removes a label definition; conversations that carry the name keep it (as in Chatwoot). */
export async function deleteLabel(core: Core, organizationId: string, id: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (!(await deleteLabelDefinitionRow(tx, organizationId, id))) throw notFound('label not found');
  });
}
