import { updateCannedResponseRow } from '../../db/repositories/canned-responses.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toCannedResponse, type CannedResponse } from '../queries/canned-responses.ts';
import { checkCannedResponseFields, refuseTakenShortCode, type CannedResponseFields } from './canned-response-fields.ts';

/** Changes the fields given. */
export async function updateCannedResponse(core: Core, organizationId: string, id: string, fields: CannedResponseFields): Promise<CannedResponse> {
  const checked = checkCannedResponseFields(fields);
  return runInTransaction(core.db, core.bus, async (tx) => {
    if (checked.shortCode !== undefined) await refuseTakenShortCode(tx, organizationId, checked.shortCode, id);
    const row = await updateCannedResponseRow(tx, organizationId, id, checked);
    if (!row) throw notFound('canned response not found');
    return toCannedResponse(row);
  });
}
