import { runInTransaction } from '../../db/unit-of-work.ts';
import {
  findWidget,
  listWidgetMembers,
  replaceWidgetMembers,
  updateWidgetRow,
} from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toWidget } from '../mappers.ts';
import type { Widget } from '../types.ts';
import { resolveWidgetMembers, type WidgetMemberInput } from './widget-members.ts';
import { widgetSettingsToRow, type WidgetSettingsInput } from './widget-settings.ts';

/** `members`, when given, replaces the whole member list. */
export type UpdateWidgetInput = WidgetSettingsInput & { members?: WidgetMemberInput[] };

export async function updateWidget(
  core: Core,
  organizationId: string,
  widgetId: string,
  input: UpdateWidgetInput,
): Promise<Widget> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await findWidget(tx, organizationId, widgetId);
    if (!current) throw notFound('widget not found');
    const changes = widgetSettingsToRow(input, current.vendorData);
    const row = await updateWidgetRow(tx, organizationId, widgetId, changes);
    if (input.members !== undefined) {
      await replaceWidgetMembers(tx, widgetId, await resolveWidgetMembers(tx, emit, organizationId, widgetId, input.members));
    }
    const changed = [...Object.keys(changes), ...(input.members !== undefined ? ['members'] : [])];
    emit({ type: 'widget.updated', organizationId, widgetId, payload: { widgetId, changes: changed } });
    return toWidget(row!, await listWidgetMembers(tx, [widgetId]));
  });
}
