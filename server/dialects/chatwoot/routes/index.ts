import type { FastifyPluginAsync } from 'fastify';
import type { DialectOptions } from '../../kit.ts';
import { authenticateEveryRoute, requireAccountMember } from '../auth.ts';
import { agentRoutes } from './agents.ts';
import { cannedResponseRoutes } from './canned-responses.ts';
import { contactRoutes } from './contacts.ts';
import { conversationRoutes } from './conversations.ts';
import { inboxRoutes } from './inboxes.ts';
import { labelRoutes } from './labels.ts';
import { messageRoutes } from './messages.ts';
import { teamRoutes } from './teams.ts';
import { accountWebhookRoutes } from './webhooks.ts';

/** Everything under `/api/v1/accounts/{account_id}`: the token's user must belong to that account. */
export const accountRoutes: FastifyPluginAsync<DialectOptions> = async (app, { core, config }) => {
  authenticateEveryRoute(app, requireAccountMember(core));
  // Only these two are passed on: the register options also carry our `prefix`, which children would apply again.
  const options: DialectOptions = { core, config };
  await app.register(inboxRoutes, options);
  await app.register(agentRoutes, options);
  await app.register(contactRoutes, options);
  await app.register(conversationRoutes, options);
  await app.register(messageRoutes, options);
  await app.register(accountWebhookRoutes, options);
  await app.register(labelRoutes, options);
  await app.register(cannedResponseRoutes, options);
  await app.register(teamRoutes, options);
};
