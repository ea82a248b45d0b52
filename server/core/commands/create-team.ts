import { insertTeam } from '../../db/repositories/teams.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid } from '../errors.ts';
import { toTeam, type Team } from '../queries/teams.ts';
import { checkTeamFields, refuseTakenTeamName, type TeamFields } from './team-fields.ts';

/** Makes a team without members; the name is required and unique in the organization. */
export async function createTeam(core: Core, organizationId: string, fields: TeamFields): Promise<Team> {
  const checked = checkTeamFields(fields);
  const name = checked.name;
  if (name === undefined) throw invalid('name', "name can't be blank");
  return runInTransaction(core.db, core.bus, async (tx) => {
    await refuseTakenTeamName(tx, organizationId, name);
    return toTeam(await insertTeam(tx, { organizationId, ...checked, name }));
  });
}
