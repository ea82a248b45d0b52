import { findWidget, updateWidgetRow } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { checkUiSettings, type WidgetUiSettings } from './widget-ui-settings.ts';

/** Replaces a widget's look and behaviour; fields left out take their defaults. */
export async function updateWidgetUiSettings(core: Core, organizationId: string, widgetId: string, input: unknown): Promise<WidgetUiSettings> {
  const settings = checkUiSettings(input);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    if (!(await findWidget(tx, organizationId, widgetId))) throw notFound('widget not found');
    await updateWidgetRow(tx, organizationId, widgetId, { uiSettings: { ...settings } });
    emit({ type: 'widget.updated', organizationId, widgetId, payload: { widgetId, changes: ['uiSettings'] } });
    return settings;
  });
}
