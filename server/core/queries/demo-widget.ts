import { findFirstOrganization } from '../../db/repositories/organizations.ts';
import { listWidgets } from '../../db/repositories/widgets.ts';
import type { Core } from '../context.ts';

/** The widget `/demo` shows: the first live widget of the installation's first organization. */
export async function getDemoWidget(core: Core): Promise<{ id: string; name: string } | undefined> {
  const org = await findFirstOrganization(core.db);
  if (!org) return undefined;
  const [widget] = await listWidgets(core.db, org.id);
  return widget && { id: widget.id, name: widget.name };
}
