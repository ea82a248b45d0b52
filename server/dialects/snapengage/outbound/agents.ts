import { type Assignee, type Core, displayNameOf, getUser } from '../../kit.ts';

/** SnapEngage's agent fields. Bots have no e-mail, so they carry only their alias. */
export interface AgentFields {
  agent_id?: string;
  agent_email?: string;
  agent_alias: string;
}

/** How a member appears in SnapEngage payloads: `wc:<email>`, the e-mail, and the alias shown on that widget. */
export async function agentFields(core: Core, organizationId: string, widgetId: string, member: Assignee): Promise<AgentFields> {
  const agent_alias = await displayNameOf(core.db, organizationId, widgetId, member);
  if (member.type === 'bot') return { agent_alias };
  const user = await getUser(core, organizationId, member.id);
  return user ? { agent_id: `wc:${user.email}`, agent_email: user.email, agent_alias } : { agent_alias };
}
