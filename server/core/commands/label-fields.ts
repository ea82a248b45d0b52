import type { Executor } from '../../db/client.ts';
import { findLabelDefinitionTitled } from '../../db/repositories/labels.ts';
import { invalid } from '../errors.ts';

/** What a label definition is made of; create needs a title, update changes what it names. */
export interface LabelFields {
  title?: string;
  /** Null clears it. */
  description?: string | null;
  /** `#RRGGBB`. */
  color?: string;
  showOnSidebar?: boolean;
}

export const LABEL_TITLE_MAX = 255;
export const LABEL_DESCRIPTION_MAX = 1000;
/** Letters (any script), digits, `-` and `_`: Chatwoot's rule, so a title is one token in filters and URLs. */
const TITLE = /^[\p{L}\p{N}_-]+$/u;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The fields as stored: titles lower-cased (Chatwoot's; "Billing" and "billing" are one label),
 * each checked. Throws naming the first field that does not validate.
 */
export function checkLabelFields(fields: LabelFields): LabelFields {
  const checked: LabelFields = {};
  if (fields.title !== undefined) {
    const title = fields.title.trim().toLowerCase();
    if (title === '') throw invalid('title', "title can't be blank");
    if (title.length > LABEL_TITLE_MAX) throw invalid('title', `title must be at most ${LABEL_TITLE_MAX} characters`);
    if (!TITLE.test(title)) throw invalid('title', 'title may contain only letters, digits, - and _');
    checked.title = title;
  }
  if (fields.description !== undefined) {
    if (fields.description !== null && fields.description.length > LABEL_DESCRIPTION_MAX) {
      throw invalid('description', `description must be at most ${LABEL_DESCRIPTION_MAX} characters`);
    }
    checked.description = fields.description;
  }
  if (fields.color !== undefined) {
    if (!COLOR.test(fields.color)) throw invalid('color', 'color must be a hex colour such as #1f93ff');
    checked.color = fields.color;
  }
  if (fields.showOnSidebar !== undefined) checked.showOnSidebar = fields.showOnSidebar;
  return checked;
}

/** Titles are unique in the organization (a unique index backs this up against races). */
export async function refuseTakenLabelTitle(tx: Executor, organizationId: string, title: string, exceptId?: string): Promise<void> {
  if (await findLabelDefinitionTitled(tx, organizationId, title, exceptId)) throw invalid('title', 'title has already been taken');
}
