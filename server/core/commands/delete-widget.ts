import { runInTransaction } from '../../db/unit-of-work.ts';
import { updateWidgetRow } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/** Soft-deletes a widget: it stops answering, while its past conversations keep their context. */
export async function deleteWidget(core: Core, organizationId: string, widgetId: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await updateWidgetRow(tx, organizationId, widgetId, { deletedAt: new Date() });
    if (!row) throw notFound('widget not found');
    emit({ type: 'widget.deleted', organizationId, widgetId, payload: { widgetId } });
  });
}
