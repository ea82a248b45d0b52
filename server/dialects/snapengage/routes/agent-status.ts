import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type DialectOptions, getUserByEmail, invalid, normalizeEmail, setAgentPresence } from '../../kit.ts';
import { keyFromAuthorization, organizationOf, guardRoutesWithApiKey } from '../api-key-auth.ts';
import { readBodiesAsJson } from '../json-body.ts';
import { emailOfAgentId } from '../presenters.ts';
import { AgentStatusBody, AgentStatusResponse } from '../schemas/agent-status.ts';

/** Agent Status API (inbound): an integration sets an agent online or paused, with an optional reason. */
export const agentStatusRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  guardRoutesWithApiKey(app, core, 'agent_status', keyFromAuthorization);
  readBodiesAsJson(app);

  app.post('/api/v2/agentstatus', { schema: { body: AgentStatusBody, response: { 200: AgentStatusResponse } } }, async (request) => {
    const organizationId = organizationOf(request);
    const { agent_id: agentId, status, sub_status: subStatus } = request.body;
    const email = normalizeEmail('agent_id', emailOfAgentId(agentId));
    // The only error the reference documents is 400, and an agent of another organization must look unknown.
    const agent = await getUserByEmail(core, organizationId, email);
    if (!agent) throw invalid('agent_id', `agent_id ${email} is not an agent of this account`);
    await setAgentPresence(core, organizationId, agent.id, status, subStatus);
    return { code: 200, message: 'OK' };
  });
};
