import { updateLabelDefinitionRow } from '../../db/repositories/labels.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toLabelDefinition, type LabelDefinition } from '../queries/labels.ts';
import { checkLabelFields, refuseTakenLabelTitle, type LabelFields } from './label-fields.ts';

/**
 * Changes a label definition. Conversations keep the labels they carry: theirs are free-form
 * names, so a renamed definition no longer lists the old name (Chatwoot renames them in a job).
 */
export async function updateLabel(core: Core, organizationId: string, id: string, fields: LabelFields): Promise<LabelDefinition> {
  const checked = checkLabelFields(fields);
  return runInTransaction(core.db, core.bus, async (tx) => {
    if (checked.title !== undefined) await refuseTakenLabelTitle(tx, organizationId, checked.title, id);
    const row = await updateLabelDefinitionRow(tx, organizationId, id, checked);
    if (!row) throw notFound('label not found');
    return toLabelDefinition(row);
  });
}
