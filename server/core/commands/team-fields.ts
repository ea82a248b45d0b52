import type { Executor } from '../../db/client.ts';
import { findTeamNamed } from '../../db/repositories/teams.ts';
import { invalid } from '../errors.ts';

export interface TeamFields {
  name?: string;
  /** Null clears it. */
  description?: string | null;
  allowAutoAssign?: boolean;
}

export const TEAM_NAME_MAX = 255;
export const TEAM_DESCRIPTION_MAX = 1000;

/** The fields as stored (the name trimmed); throws naming the first that does not validate. */
export function checkTeamFields(fields: TeamFields): TeamFields {
  const checked: TeamFields = {};
  if (fields.name !== undefined) {
    const name = fields.name.trim();
    if (name === '') throw invalid('name', "name can't be blank");
    if (name.length > TEAM_NAME_MAX) throw invalid('name', `name must be at most ${TEAM_NAME_MAX} characters`);
    checked.name = name;
  }
  if (fields.description !== undefined) {
    if (fields.description !== null && fields.description.length > TEAM_DESCRIPTION_MAX) {
      throw invalid('description', `description must be at most ${TEAM_DESCRIPTION_MAX} characters`);
    }
    checked.description = fields.description;
  }
  if (fields.allowAutoAssign !== undefined) checked.allowAutoAssign = fields.allowAutoAssign;
  return checked;
}

/** Names are unique in the organization whatever their case (a unique index backs this up against races). */
export async function refuseTakenTeamName(tx: Executor, organizationId: string, name: string, exceptId?: string): Promise<void> {
  if (await findTeamNamed(tx, organizationId, name, exceptId)) throw invalid('name', 'name has already been taken');
}
