import type { Executor } from '../../db/client.ts';
import { findCannedResponseWithShortCode } from '../../db/repositories/canned-responses.ts';
import { invalid } from '../errors.ts';

export interface CannedResponseFields {
  shortCode?: string;
  content?: string;
}

export const SHORT_CODE_MAX = 255;
export const CANNED_CONTENT_MAX = 10_000;

/** The fields as stored (the short code trimmed: agents type it); throws naming the first that does not validate. */
export function checkCannedResponseFields(fields: CannedResponseFields): CannedResponseFields {
  const checked: CannedResponseFields = {};
  if (fields.shortCode !== undefined) {
    const shortCode = fields.shortCode.trim();
    if (shortCode === '') throw invalid('short_code', "short_code can't be blank");
    if (shortCode.length > SHORT_CODE_MAX) throw invalid('short_code', `short_code must be at most ${SHORT_CODE_MAX} characters`);
    checked.shortCode = shortCode;
  }
  if (fields.content !== undefined) {
    if (fields.content.trim() === '') throw invalid('content', "content can't be blank");
    if (fields.content.length > CANNED_CONTENT_MAX) throw invalid('content', `content must be at most ${CANNED_CONTENT_MAX} characters`);
    checked.content = fields.content;
  }
  return checked;
}

/** Short codes are unique in the organization (a unique index backs this up against races). */
export async function refuseTakenShortCode(tx: Executor, organizationId: string, shortCode: string, exceptId?: string): Promise<void> {
  if (await findCannedResponseWithShortCode(tx, organizationId, shortCode, exceptId)) throw invalid('short_code', 'short_code has already been taken');
}
