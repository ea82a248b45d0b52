import { findWidgetWithMembers, listWidgetMembers, listWidgets } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { toWidget } from '../mappers.ts';
import type { Widget } from '../types.ts';

export async function getWidget(core: Core, organizationId: string, widgetId: string): Promise<Widget | undefined> {
  const found = await findWidgetWithMembers(core.db, organizationId, widgetId);
  return found && toWidget(found.row, found.members);
}

export async function getWidgets(core: Core, organizationId: string): Promise<Widget[]> {
  const rows = await listWidgets(core.db, organizationId);
  const members = await listWidgetMembers(core.db, rows.map((r) => r.id));
  return rows.map((row) => toWidget(row, members));
}
