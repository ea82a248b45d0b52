import { type EventMap, getOrganization, type WebhookFormat } from '../../kit.ts';

/**
 * Agent Status API, the receiving side: every status change of an agent of the
 * organization, `{org, agent_id, status, sub_status?, timestamp}`, in order per agent.
 */
export const agentStatusFormat: WebhookFormat = {
  id: 'snapengage.agent-status',
  description: 'SnapEngage Agent Status API webhook: {org, agent_id: "wc:<email>", status, sub_status?, timestamp}',
  scope: 'organization',
  events: ['agent.status_changed'],
  emailOnFailure: false,
  async build({ core, event }) {
    const change = event.payload as EventMap['agent.status_changed'];
    const organization = await getOrganization(core, event.organizationId);
    if (!organization) return undefined;
    const body = JSON.stringify({
      org: organization.accountNumber,
      agent_id: `wc:${change.email}`,
      status: change.status,
      ...(change.subStatus && { sub_status: change.subStatus }),
      timestamp: event.occurredAt.getTime(),
    });
    return { body, contentType: 'application/json', orderingKey: `agent:${change.userId}` };
  },
};
