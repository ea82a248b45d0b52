import { updateTeamRow } from '../../db/repositories/teams.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { toTeam, type Team } from '../queries/teams.ts';
import { checkTeamFields, refuseTakenTeamName, type TeamFields } from './team-fields.ts';

/** Changes the fields given. */
export async function updateTeam(core: Core, organizationId: string, id: string, fields: TeamFields): Promise<Team> {
  const checked = checkTeamFields(fields);
  return runInTransaction(core.db, core.bus, async (tx) => {
    if (checked.name !== undefined) await refuseTakenTeamName(tx, organizationId, checked.name, id);
    const row = await updateTeamRow(tx, organizationId, id, checked);
    if (!row) throw notFound('team not found');
    return toTeam(row);
  });
}
