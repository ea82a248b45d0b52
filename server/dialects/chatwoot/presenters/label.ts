import type { LabelDefinition } from '../../kit.ts';

/**
 * An account label (`api/v1/accounts/labels/*.json.jbuilder`): the list wraps these in
 * `{"payload":[…]}`, show, create and update answer one bare. The id is the label's public id.
 */
export function presentLabel(label: LabelDefinition) {
  return {
    id: label.publicId,
    title: label.title,
    description: label.description,
    color: label.color,
    show_on_sidebar: label.showOnSidebar,
  };
}
