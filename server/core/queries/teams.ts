import { findTeam, findTeamByPublicId, listTeamIdsOfUser, listTeamMemberUsers, listTeams, type TeamRow } from '../../db/repositories/teams.ts';
import type { Core } from '../context.ts';
import { toUser } from '../mappers.ts';
import type { User } from '../types.ts';
import { parsePublicId, type PublicIdInput } from './public-ids.ts';

/** A group of agents a conversation can be handed to. */
export interface Team {
  id: string;
  /** The integer id vendor APIs use (Chatwoot's team id). */
  publicId: number;
  organizationId: string;
  name: string;
  description: string | null;
  /** Chatwoot's setting, kept and shown; routing does not act on it. */
  allowAutoAssign: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  publicId: row.publicId,
  organizationId: row.organizationId,
  name: row.name,
  description: row.description,
  allowAutoAssign: row.allowAutoAssign,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The organization's teams in creation order. */
export async function getTeams(core: Core, organizationId: string): Promise<Team[]> {
  return (await listTeams(core.db, organizationId)).map(toTeam);
}

export async function getTeam(core: Core, organizationId: string, id: string): Promise<Team | undefined> {
  const row = await findTeam(core.db, organizationId, id);
  return row && toTeam(row);
}

export async function getTeamByPublicId(core: Core, organizationId: string, publicId: PublicIdInput): Promise<Team | undefined> {
  const row = await findTeamByPublicId(core.db, organizationId, parsePublicId(publicId));
  return row && toTeam(row);
}

/** The team's members in the order they joined; undefined when the team is not the organization's. */
export async function getTeamMembers(core: Core, organizationId: string, teamId: string): Promise<User[] | undefined> {
  const team = await findTeam(core.db, organizationId, teamId);
  return team && (await listTeamMemberUsers(core.db, team.id)).map(toUser);
}

/** The ids of the organization's teams this user is in. */
export async function getTeamIdsOfUser(core: Core, organizationId: string, userId: string): Promise<Set<string>> {
  return new Set(await listTeamIdsOfUser(core.db, organizationId, userId));
}
