import type { Executor } from '../../db/client.ts';
import type { Emit } from '../../db/unit-of-work.ts';
import { findBot } from '../../db/repositories/bots.ts';
import { findUserByEmail, findUserByEmailAnywhere, findUserById } from '../../db/repositories/users.ts';
import type { NewWidgetMemberRow } from '../../db/repositories/widgets.ts';
import { invalid } from '../errors.ts';
import { normalizeEmail, requireText } from '../validation.ts';
import { insertUserChecked } from './create-user.ts';

/** A member names exactly one of: an existing user, a login e-mail (invited if new), or a bot. */
export interface WidgetMemberInput {
  userId?: string;
  email?: string;
  botId?: string;
  alias: string;
  avatarUrl?: string | null;
  memberType?: string;
  tags?: string[];
}

/**
 * Turns member inputs into rows. An e-mail that no one uses yet becomes an
 * invited agent without a password (it can log in once one is set), which is
 * how provisioning APIs add agents to a widget in one call.
 */
export async function resolveWidgetMembers(
  tx: Executor,
  emit: Emit,
  organizationId: string,
  widgetId: string,
  inputs: WidgetMemberInput[],
): Promise<NewWidgetMemberRow[]> {
  const seen = new Set<string>();
  const rows: NewWidgetMemberRow[] = [];
  for (const [position, input] of inputs.entries()) {
    const field = `members[${position}]`;
    // Checked before resolving: a new e-mail is invited under this alias as its name.
    const alias = requireText(`${field}.alias`, input.alias, 200);
    const target = await resolveTarget(tx, emit, organizationId, { ...input, alias }, field);
    const key = target.userId ?? target.botId!;
    if (seen.has(key)) throw invalid(field, `${field} appears more than once`);
    seen.add(key);
    rows.push({
      widgetId,
      ...target,
      alias,
      avatarUrl: input.avatarUrl ?? null,
      memberType: input.memberType ?? 'webclient',
      tags: input.tags ?? [],
      position,
    });
  }
  return rows;
}

async function resolveTarget(
  tx: Executor,
  emit: Emit,
  organizationId: string,
  input: WidgetMemberInput,
  field: string,
): Promise<{ userId: string; botId: null } | { userId: null; botId: string }> {
  if (input.botId !== undefined) {
    if (!(await findBot(tx, organizationId, input.botId))) throw invalid(field, `${field} names an unknown bot`);
    return { userId: null, botId: input.botId };
  }
  if (input.userId !== undefined) {
    if (!(await findUserById(tx, organizationId, input.userId))) throw invalid(field, `${field} names an unknown user`);
    return { userId: input.userId, botId: null };
  }
  if (input.email === undefined) throw invalid(field, `${field} must name a user, an e-mail or a bot`);
  const email = normalizeEmail(`${field}.email`, input.email);
  const existing = await findUserByEmail(tx, organizationId, email);
  if (existing) return { userId: existing.id, botId: null };
  // Same message whether the address is free or used elsewhere would leak; an address of another tenant is refused.
  if (await findUserByEmailAnywhere(tx, email)) throw invalid(field, `${field} e-mail ${email} cannot be used`);
  const invited = await insertUserChecked(tx, emit, organizationId, { email, name: input.alias, passwordHash: null });
  return { userId: invited.id, botId: null };
}
