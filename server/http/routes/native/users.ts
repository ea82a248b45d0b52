import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser } from '../../../core/commands/create-user.ts';
import { deleteUser } from '../../../core/commands/delete-user.ts';
import { updateUser } from '../../../core/commands/update-user.ts';
import { getUsers } from '../../../core/queries/users.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams, NoContent } from './schemas/common.ts';
import { CreateUserBody, presentUser, UpdateUserBody, UserEnvelope, UserListEnvelope } from './schemas/users.ts';

/**
 * Console users (agents and admins); admin-only, agents see themselves through GET /me.
 * The caller goes to the core: an API key manages agents, never admins (core/scopes.ts).
 */
export const userRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['users'];

  app.get(
    '/users',
    { schema: { tags, summary: 'List the users of the organization', response: { 200: UserListEnvelope, ...nativeErrorResponses } } },
    async (request) => ({ users: (await getUsers(core, actorOf(request).organizationId)).map(presentUser) }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user; e-mails are unique across the installation',
        body: CreateUserBody,
        response: { 201: UserEnvelope, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await createUser(core, actor.organizationId, request.body, actor);
      return reply.code(201).send({ user: presentUser(user) });
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user; disabling or a new password ends their sessions',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { user: presentUser(await updateUser(core, actor.organizationId, request.params.id, request.body, actor)) };
    },
  );

  app.delete(
    '/users/:id',
    {
      schema: { tags, summary: 'Delete a user (the last active admin cannot be)', params: IdParams, response: { 204: NoContent, ...nativeErrorResponses } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await deleteUser(core, actor.organizationId, request.params.id, actor);
      return reply.code(204).send(null);
    },
  );
};
