import { listOnlineMemberLoads } from '../../db/repositories/availability.ts';
import { findLiveWidgetAnywhere, listWidgetMembers } from '../../db/repositories/widgets.ts';
import { isWidgetOnline, isWidgetOpen, rankAvailableMembers, type MemberLoad } from '../availability.ts';
import { toMemberLoad, toWidget } from '../mappers.ts';
import type { Executor } from '../../db/client.ts';
import type { Core } from '../context.ts';
import type { Widget } from '../types.ts';

export interface WidgetAvailability {
  widget: Widget;
  online: boolean;
}

/**
 * A live widget of any organization and whether it takes chats at `at`. Public
 * endpoints know only the widget id, so callers that authenticate a tenant must
 * compare `widget.organizationId` themselves. Deleted and malformed ids are unknown.
 */
export async function getWidgetAvailability(core: Core, widgetId: string, at: Date = new Date()): Promise<WidgetAvailability | undefined> {
  const row = await findLiveWidgetAnywhere(core.db, widgetId);
  if (!row) return undefined;
  const widget = toWidget(row, await listWidgetMembers(core.db, [row.id]));
  // Closed widgets (most of them, outside office hours) skip the member query.
  if (!isWidgetOpen(widget, at)) return { widget, online: false };
  const members = await listMemberLoads(core.db, row.id);
  return { widget, online: isWidgetOnline(widget, members, at) };
}

/** The widget's online members with their current load; takes a transaction when the caller is in one (routing). */
export async function listMemberLoads(db: Executor, widgetId: string): Promise<MemberLoad[]> {
  return (await listOnlineMemberLoads(db, widgetId)).map(toMemberLoad);
}

/**
 * The widget's members who can take a chat now, least busy first (ties: member order).
 * Ignores the widget's schedule and switch: check `getWidgetAvailability` for those.
 */
export async function listAvailableMembers(core: Core, widgetId: string): Promise<MemberLoad[]> {
  return rankAvailableMembers(await listMemberLoads(core.db, widgetId));
}
