import { insertLabelDefinition } from '../../db/repositories/labels.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toLabelDefinition, type LabelDefinition } from '../queries/labels.ts';
import { checkLabelFields, refuseTakenLabelTitle, type LabelFields } from './label-fields.ts';

/** Defines a label in the organization; the title is required and unique. */
export async function createLabel(core: Core, organizationId: string, fields: LabelFields): Promise<LabelDefinition> {
  const checked = checkLabelFields(fields);
  const title = checked.title;
  if (title === undefined) throw invalid('title', "title can't be blank");
  return runInTransaction(core.db, core.bus, async (tx) => {
    await refuseTakenLabelTitle(tx, organizationId, title);
    return toLabelDefinition(await insertLabelDefinition(tx, { organizationId, ...checked, title }));
  });
}
