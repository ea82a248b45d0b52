import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Caller, createUser, deleteUser, type DialectOptions, getUser, getUserByEmail, invalid, notFound, updateUser } from '../../kit.ts';
import { keyFromQuery, organizationOf, guardRoutesWithApiKey } from '../api-key-auth.ts';
import { readBodiesAsJson } from '../json-body.ts';
import { presentUser, snapEngageUserData } from '../presenters.ts';
import { ApiKeyQuery, CreateUserBody, UpdateUserBody, UserQuery, UserResponse } from '../schemas/provisioning.ts';
import { deleteProvisionedWidget } from './provisioning-widgets.ts';
import { Type } from 'typebox';

/**
 * The key goes to the core as the caller: provisioning creates and changes agents, and may
 * rename an admin, but never sets an admin's password or deletes one (core/scopes.ts).
 */
const callerOf = (request: FastifyRequest): Caller => ({ kind: 'api_key', apiKey: request.apiKey! });

/** Provisioning API, users: PUT creates (201), GET reads, POST updates, DELETE removes. */
export const provisioningUserRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core }) => {
  guardRoutesWithApiKey(app, core, 'provisioning', keyFromQuery);
  readBodiesAsJson(app);
  const path = '/api/v1/user.json';

  async function findUserOr404(organizationId: string, email: string) {
    const user = await getUserByEmail(core, organizationId, email);
    if (!user) throw notFound(`no user with email ${email.toLowerCase()}`);
    return user;
  }

  /** templateId names an existing user (by e-mail or id) whose account type the new user copies. */
  async function accountTypeFrom(organizationId: string, body: CreateUserBody): Promise<string> {
    if (body.templateId !== undefined) {
      const template =
        (await getUserByEmail(core, organizationId, body.templateId)) ?? (await getUser(core, organizationId, body.templateId));
      if (!template) throw invalid('templateId', 'templateId does not name an existing user');
      return snapEngageUserData(template).accountType ?? body.accountType ?? 'trial';
    }
    if (body.accountType === undefined) throw invalid('accountType', 'accountType is required');
    return body.accountType;
  }

  app.put(path, { schema: { querystring: ApiKeyQuery, body: CreateUserBody, response: { 201: UserResponse } } }, async (request, reply) => {
    const organizationId = organizationOf(request);
    const { body } = request;
    const accountType = await accountTypeFrom(organizationId, body);
    const user = await createUser(core, organizationId, {
      email: body.email,
      name: body.name,
      password: body.password,
      phone: body.phone ?? null,
      vendorData: { snapengage: { accountType } },
    }, callerOf(request));
    return reply.code(201).send(presentUser(user));
  });

  app.get(path, { schema: { querystring: UserQuery, response: { 200: UserResponse } } }, async (request) =>
    presentUser(await findUserOr404(organizationOf(request), request.query.email)),
  );

  app.post(path, { schema: { querystring: ApiKeyQuery, body: UpdateUserBody, response: { 200: UserResponse } } }, async (request) => {
    const organizationId = organizationOf(request);
    const { body } = request;
    const user = await findUserOr404(organizationId, body.email);
    const updated = await updateUser(core, organizationId, user.id, {
      name: body.name,
      ...(body.password !== undefined && { password: body.password }),
      ...(body.phone !== undefined && { phone: body.phone }),
      ...(body.accountType !== undefined && { vendorData: { snapengage: { ...snapEngageUserData(user), accountType: body.accountType } } }),
    }, callerOf(request));
    return presentUser(updated);
  });

  // The reference's widget-delete text shows this path with a uuid; such a request deletes the widget.
  const DeleteQuery = Type.Object({ ...UserQuery.properties, uuid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) });
  app.delete(path, { schema: { querystring: DeleteQuery } }, async (request, reply) => {
    const organizationId = organizationOf(request);
    const { email, uuid } = request.query;
    if (uuid !== undefined) {
      await deleteProvisionedWidget(core, organizationId, uuid, email);
    } else {
      await deleteUser(core, organizationId, (await findUserOr404(organizationId, email)).id, callerOf(request));
    }
    return reply.code(200).send();
  });
};
