import { runInTransaction } from '../../db/unit-of-work.ts';
import { insertWidget, listWidgetMembers, replaceWidgetMembers, updateWidgetRow } from '../../db/repositories/widgets.ts';
import { newChannelIdentifier, newHmacToken, type ChannelInput } from '../channels.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toWidget } from '../mappers.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import type { Widget } from '../types.ts';
import { syncChannelCallback } from './channel-callback.ts';
import { resolveWidgetMembers, type WidgetMemberInput } from './widget-members.ts';
import { widgetSettingsToRow, type WidgetSettingsInput } from './widget-settings.ts';

export type CreateWidgetInput = WidgetSettingsInput & {
  name: string;
  members?: WidgetMemberInput[];
  /** Absent: a web widget. */
  channel?: ChannelInput;
};

const DENY_PRIVATE_TARGETS: TargetPolicy = { allowPrivateTargets: false };

/**
 * Creates a widget (an entry point of any channel type) with its members; new member e-mails
 * become invited agents. A channel with a callback gets its webhook subscription in the same
 * transaction; `policy` says which callback addresses are allowed.
 */
export async function createWidget(core: Core, organizationId: string, input: CreateWidgetInput, policy = DENY_PRIVATE_TARGETS): Promise<Widget> {
  if (input.name === undefined) throw invalid('name', 'name is required');
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const channel = input.channel;
    let row = await insertWidget(tx, {
      organizationId,
      name: input.name,
      ...widgetSettingsToRow(input),
      ...(channel && { channelType: channel.type, channelIdentifier: newChannelIdentifier() }),
    });
    if (channel) {
      const settings = {
        callbackUrl: channel.callbackUrl ?? null,
        callbackFormat: channel.callbackFormat,
        ...(channel.type === 'api' && { hmacToken: newHmacToken(), hmacMandatory: channel.hmacMandatory ?? false }),
      };
      row = (await updateWidgetRow(tx, organizationId, row.id, { channelSettings: await syncChannelCallback(tx, row, settings, policy) }))!;
    }
    const members = await resolveWidgetMembers(tx, emit, organizationId, row.id, input.members ?? []);
    await replaceWidgetMembers(tx, row.id, members);
    emit({ type: 'widget.created', organizationId, widgetId: row.id, payload: { widgetId: row.id, name: row.name } });
    return toWidget(row, await listWidgetMembers(tx, [row.id]));
  });
}
