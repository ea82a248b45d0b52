import { deleteTeamRow } from '../../db/repositories/teams.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';

/**
 * Removes a team and its memberships; its conversations keep everything but the team (the
 * foreign key clears it). Like Chatwoot's `dependent: :nullify`, that sends no conversation events.
 */
export async function deleteTeam(core: Core, organizationId: string, id: string): Promise<void> {
  await runInTransaction(core.db, core.bus, async (tx) => {
    if (!(await deleteTeamRow(tx, organizationId, id))) throw notFound('team not found');
  });
}
