import { findUsersByPublicIds } from '../../db/repositories/users.ts';
import { findWidgetByPublicId, listWidgetMembers } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';
import { toUser, toWidget } from '../mappers.ts';
import type { User, Widget } from '../types.ts';

/**
 * Lookups by the integer public ids vendor APIs use (db/schema/public-ids.ts), always within one
 * organization: another tenant's id is "not found" like one that never existed. Ids arrive as URL
 * text ("12") or JSON numbers; anything that is not a plain decimal integer names nothing.
 */
export type PublicIdInput = number | string;

export function parsePublicId(value: PublicIdInput): number {
  if (typeof value === 'number') return value;
  return /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
}

export async function getUserByPublicId(core: Core, organizationId: string, publicId: PublicIdInput): Promise<User | undefined> {
  const [row] = await findUsersByPublicIds(core.db, organizationId, [parsePublicId(publicId)]);
  return row && toUser(row);
}

/** The users these ids name, in the order given; ids that name no user of the organization are left out. */
export async function getUsersByPublicIds(core: Core, organizationId: string, publicIds: readonly PublicIdInput[]): Promise<User[]> {
  const wanted = publicIds.map(parsePublicId);
  const rows = await findUsersByPublicIds(core.db, organizationId, wanted);
  const byId = new Map(rows.map((row) => [row.publicId, toUser(row)]));
  return [...new Set(wanted)].flatMap((id) => byId.get(id) ?? []);
}

/** A live widget (a Chatwoot inbox) by its public id. */
export async function getWidgetByPublicId(core: Core, organizationId: string, publicId: PublicIdInput): Promise<Widget | undefined> {
  const row = await findWidgetByPublicId(core.db, organizationId, parsePublicId(publicId));
  return row && toWidget(row, await listWidgetMembers(core.db, [row.id]));
}
