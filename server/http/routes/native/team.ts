import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TeammateResponse } from '../../../../protocol/native-api.ts';
import { getUsers } from '../../../core/queries/users.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';

const TeamEnvelope = Type.Object({ team: Type.Array(TeammateResponse) });

/**
 * Colleagues an agent can transfer a chat to. Agents may not read `/users` (e-mails,
 * limits, disabled accounts are admin business), so this is the narrow view they need.
 */
export const teamRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  app.get(
    '/team',
    {
      config: { access: 'member' },
      schema: { tags: ['users'], summary: 'Active colleagues with their presence', response: { 200: TeamEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const users = await getUsers(core, actorOf(request).organizationId);
      return { team: users.filter((user) => !user.disabled) };
    },
  );
};
