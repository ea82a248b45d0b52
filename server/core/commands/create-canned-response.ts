import { insertCannedResponse } from '../../db/repositories/canned-responses.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toCannedResponse, type CannedResponse } from '../queries/canned-responses.ts';
import { checkCannedResponseFields, refuseTakenShortCode, type CannedResponseFields } from './canned-response-fields.ts';

/** Adds a ready-made reply; both fields are required, the short code unique in the organization. */
export async function createCannedResponse(core: Core, organizationId: string, fields: CannedResponseFields): Promise<CannedResponse> {
  const { shortCode, content } = checkCannedResponseFields(fields);
  if (shortCode === undefined) throw invalid('short_code', "short_code can't be blank");
  if (content === undefined) throw invalid('content', "content can't be blank");
  return runInTransaction(core.db, core.bus, async (tx) => {
    await refuseTakenShortCode(tx, organizationId, shortCode);
    return toCannedResponse(await insertCannedResponse(tx, { organizationId, shortCode, content }));
  });
}
