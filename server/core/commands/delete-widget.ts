import { runInTransaction } from '../../db/unit-of-work.ts';
import { deleteSubscriptionRow } from '../../db/repositories/webhooks.ts';
import { updateWidgetRow } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/**
 * Soft-deletes a widget: it stops answering, while its past conversations keep their context.
 * A channel's callback subscription goes with it: a deleted channel has nobody to deliver to.
 */
export async function deleteWidget(core: Core, organizationId: string, widgetId: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx, emit) => {
    const row = await updateWidgetRow(tx, organizationId, widgetId, { deletedAt: new Date() });
    if (!row) throw notFound('widget not found');
    const callback = row.channelSettings.callbackSubscriptionId;
    if (callback) await deleteSubscriptionRow(tx, organizationId, callback);
    emit({ type: 'widget.deleted', organizationId, widgetId, payload: { widgetId } });
  });
}
