import { updateOrganizationRow } from '../../db/repositories/organizations.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { forgetAccessTokensOf } from '../queries/authenticate-access-token.ts';
import { toOrganization, type Organization } from '../queries/organizations.ts';
import { requireText } from '../validation.ts';

export interface UpdateOrganizationInput {
  name?: string;
  transcriptsEnabled?: boolean;
}

/** An admin changes their organization's name or switches transcript e-mails on or off; fields left out stay. */
export async function updateOrganization(core: Core, organizationId: string, input: UpdateOrganizationInput): Promise<Organization> {
  const row = await updateOrganizationRow(core.db, organizationId, {
    ...(input.name !== undefined && { name: requireText('name', input.name, 200) }),
    ...(input.transcriptsEnabled !== undefined && { transcriptsEnabled: input.transcriptsEnabled }),
  });
  if (!row) throw notFound('organization not found');
  // Access tokens are cached with their organization: the next request must see the change.
  forgetAccessTokensOf(core, organizationId);
  return toOrganization(row);
}
