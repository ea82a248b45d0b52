import { findWidget, listWidgetMembers, listWidgets } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { toWidget } from '../mappers.ts';
import type { Widget } from '../types.ts';

export async function getWidget(core: Core, organizationId: string, widgetId: string): Promise<Widget | undefined> {
  const row = await findWidget(core.db, organizationId, widgetId);
  return row && toWidget(row, await listWidgetMembers(core.db, [row.id]));
}

export async function getWidgets(core: Core, organizationId: string): Promise<Widget[]> {
  const rows = await listWidgets(core.db, organizationId);
  const members = await listWidgetMembers(core.db, rows.map((r) => r.id));
  return rows.map((row) => toWidget(row, members));
}
