import { runInTransaction } from '../../db/unit-of-work.ts';
import {
  findWidget,
  listWidgetMembers,
  replaceWidgetMembers,
  updateWidgetRow,
} from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import { syncChannelCallback } from './channel-callback.ts';
import { toWidget } from '../mappers.ts';
import type { Widget } from '../types.ts';
import { resolveWidgetMembers, type WidgetMemberInput } from './widget-members.ts';
import { widgetSettingsToRow, type WidgetSettingsInput } from './widget-settings.ts';

/** `members`, when given, replaces the whole member list; `channel` changes a non-web channel's settings. */
export type UpdateWidgetInput = WidgetSettingsInput & { members?: WidgetMemberInput[]; channel?: ChannelChanges };

/** What may change on a channel once made (its type and identifier never do). */
export interface ChannelChanges {
  callbackUrl?: string | null;
  hmacMandatory?: boolean;
}

const DENY_PRIVATE_TARGETS: TargetPolicy = { allowPrivateTargets: false };

export async function updateWidget(
  core: Core,
  organizationId: string,
  widgetId: string,
  input: UpdateWidgetInput,
  policy = DENY_PRIVATE_TARGETS,
): Promise<Widget> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await findWidget(tx, organizationId, widgetId);
    if (!current) throw notFound('widget not found');
    const changes = widgetSettingsToRow(input, current.vendorData);
    if (input.channel !== undefined) {
      if (current.channelType === 'web_widget') throw invalid('channel', 'a web widget has no channel settings');
      const settings = { ...current.channelSettings, ...input.channel };
      if (current.channelType !== 'api') delete settings.hmacMandatory;
      changes.channelSettings = await syncChannelCallback(tx, current, settings, policy);
    }
    const row = await updateWidgetRow(tx, organizationId, widgetId, changes);
    if (input.members !== undefined) {
      await replaceWidgetMembers(tx, widgetId, await resolveWidgetMembers(tx, emit, organizationId, widgetId, input.members));
    }
    const changed = [...Object.keys(changes), ...(input.members !== undefined ? ['members'] : [])];
    emit({ type: 'widget.updated', organizationId, widgetId, payload: { widgetId, changes: changed } });
    return toWidget(row!, await listWidgetMembers(tx, [widgetId]));
  });
}
