import { runInTransaction } from '../../db/unit-of-work.ts';
import { insertWidget, listWidgetMembers, replaceWidgetMembers } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toWidget } from '../mappers.ts';
import type { Widget } from '../types.ts';
import { resolveWidgetMembers, type WidgetMemberInput } from './widget-members.ts';
import { widgetSettingsToRow, type WidgetSettingsInput } from './widget-settings.ts';

export type CreateWidgetInput = WidgetSettingsInput & { name: string; members?: WidgetMemberInput[] };

/** Creates a widget with its members; new member e-mails become invited agents. */
export async function createWidget(core: Core, organizationId: string, input: CreateWidgetInput): Promise<Widget> {
  if (input.name === undefined) throw invalid('name', 'name is required');
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await insertWidget(tx, { organizationId, name: input.name, ...widgetSettingsToRow(input) });
    const members = await resolveWidgetMembers(tx, emit, organizationId, row.id, input.members ?? []);
    await replaceWidgetMembers(tx, row.id, members);
    emit({ type: 'widget.created', organizationId, widgetId: row.id, payload: { widgetId: row.id, name: row.name } });
    return toWidget(row, await listWidgetMembers(tx, [row.id]));
  });
}
