import { findFirstOrganization } from '../../db/repositories/organizations.ts';
import { insertWidget, listWidgets, replaceWidgetMembers } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { apiScopes } from '../scopes.ts';
import { generatePassword, hashPassword } from '../security/passwords.ts';
import { insertApiKey } from './create-api-key.ts';
import { insertOrganizationWithAdmin } from './create-organization.ts';

export interface BootstrapInput {
  adminEmail?: string;
  adminPassword?: string;
}

/** What the first start created; secrets appear here once and are never stored in clear. */
export interface FirstStart {
  adminEmail: string;
  /** Set only when we generated it; a password from the environment is not echoed. */
  generatedPassword?: string;
  apiKey: string;
}

export interface Installation {
  organizationId: string;
  demoWidgetId: string | undefined;
  /** Present only on the very first start. */
  firstStart?: FirstStart;
}

/**
 * On an empty database: one organization, an admin, a demo widget answered by
 * that admin, and an API key with every scope. On later starts: nothing is
 * changed, the existing organization is reported.
 */
export async function bootstrapInstallation(core: Core, input: BootstrapInput): Promise<Installation> {
  const existing = await findFirstOrganization(core.db);
  if (existing) {
    const [widget] = await listWidgets(core.db, existing.id);
    return { organizationId: existing.id, demoWidgetId: widget?.id };
  }
  const generatedPassword = input.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.adminPassword ?? generatedPassword!);
  const adminEmail = input.adminEmail ?? 'admin@example.com';
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const { org, admin } = await insertOrganizationWithAdmin(tx, emit, 'My company', { email: adminEmail, passwordHash });
    const widget = await insertWidget(tx, { organizationId: org.id, name: 'Demo widget', ownerUserId: admin.id });
    await replaceWidgetMembers(tx, widget.id, [{ widgetId: widget.id, userId: admin.id, alias: 'Support', position: 0 }]);
    emit({ type: 'widget.created', organizationId: org.id, widgetId: widget.id, payload: { widgetId: widget.id, name: widget.name } });
    const { secret } = await insertApiKey(tx, emit, org.id, 'Default key', [...apiScopes]);
    return {
      organizationId: org.id,
      demoWidgetId: widget.id,
      firstStart: { adminEmail: admin.email, apiKey: secret, ...(generatedPassword && { generatedPassword }) },
    };
  });
}
