import type { Organization, Team } from '../../kit.ts';

/**
 * Chatwoot's team, in the shapes its code renders: the team (`api/v1/models/_team.json.jbuilder`:
 * lists, show, create, update and a REST conversation's `meta.team`), whose `is_member` says
 * whether the caller is in it; the raw row (`render json: @team`, the answer of a conversation's
 * team assignment); and `Team#push_event_data` (a webhook conversation's `meta.team`).
 */

export function presentTeam(team: Team, account: Organization, isMember: boolean) {
  return {
    id: team.publicId,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: account.accountNumber,
    is_member: isMember,
  };
}

export function presentTeamRow(team: Team, account: Organization) {
  return {
    id: team.publicId,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: account.accountNumber,
    created_at: team.createdAt.toISOString(),
    updated_at: team.updatedAt.toISOString(),
  };
}

export const presentTeamPushData = (team: Team) => ({ id: team.publicId, name: team.name });

export type ChatwootTeam = ReturnType<typeof presentTeam>;
