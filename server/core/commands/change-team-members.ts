import { findUserById } from '../../db/repositories/users.ts';
import { deleteTeamMembers, deleteTeamMembersExcept, findTeam, insertTeamMembers } from '../../db/repositories/teams.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid, notFound } from '../errors.ts';

/** Add people to the team, make them its only members, or remove them. */
export type TeamMembershipChange = 'add' | 'replace' | 'remove';

/** Changes who is in a team. Every user must be the organization's, or nothing changes. */
export async function changeTeamMembers(core: Core, organizationId: string, teamId: string, change: TeamMembershipChange, userIds: readonly string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  await runInTransaction(core.db, core.bus, async (tx) => {
    const team = await findTeam(tx, organizationId, teamId);
    if (!team) throw notFound('team not found');
    for (const userId of unique) {
      if (!(await findUserById(tx, organizationId, userId))) throw invalid('user_ids', 'user_ids must name users of this organization');
    }
    if (change === 'remove') {
      await deleteTeamMembers(tx, team.id, unique);
      return;
    }
    if (change === 'replace') await deleteTeamMembersExcept(tx, team.id, unique);
    await insertTeamMembers(tx, team.id, unique);
  });
}
