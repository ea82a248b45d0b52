import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createWidget } from '../../../core/commands/create-widget.ts';
import { deleteWidget } from '../../../core/commands/delete-widget.ts';
import { updateWidget } from '../../../core/commands/update-widget.ts';
import { invalid, notFound } from '../../../core/errors.ts';
import { getWidget, getWidgets } from '../../../core/queries/widgets.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams, NoContent } from './schemas/common.ts';
import {
  CreateWidgetBody,
  presentWidget,
  UpdateWidgetBody,
  WidgetEnvelope,
  WidgetListEnvelope,
} from './schemas/widgets.ts';

type MemberTargets = NonNullable<UpdateWidgetBody['members']>;

/**
 * The core picks the first of botId, userId, email it finds; a body naming
 * two would silently lose one, so the native API insists on exactly one.
 */
function checkMemberTargets(members: MemberTargets | undefined): void {
  members?.forEach((member, i) => {
    const named = [member.userId, member.email, member.botId].filter((target) => target !== undefined).length;
    if (named !== 1) throw invalid(`members[${i}]`, `members[${i}] must name exactly one of userId, email or botId`);
  });
}

/** Widgets: agents may read them (the console shows where they answer); only admins change them. */
export const widgetRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['widgets'];

  app.get(
    '/widgets',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'List the widgets of the organization', response: { 200: WidgetListEnvelope, ...nativeErrorResponses } },
    },
    async (request) => ({ widgets: (await getWidgets(core, actorOf(request).organizationId)).map(presentWidget) }),
  );

  app.post(
    '/widgets',
    {
      schema: {
        tags,
        summary: 'Create a widget; member e-mails nobody uses yet become invited agents',
        body: CreateWidgetBody,
        response: { 201: WidgetEnvelope, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      checkMemberTargets(request.body.members);
      const widget = await createWidget(core, actorOf(request).organizationId, request.body);
      return reply.code(201).send({ widget: presentWidget(widget) });
    },
  );

  app.get(
    '/widgets/:id',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Read one widget', params: IdParams, response: { 200: WidgetEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const widget = await getWidget(core, actorOf(request).organizationId, request.params.id);
      if (!widget) throw notFound('widget not found');
      return { widget: presentWidget(widget) };
    },
  );

  app.patch(
    '/widgets/:id',
    {
      schema: {
        tags,
        summary: 'Change a widget; fields left out stay as they are, `members` replaces the list',
        params: IdParams,
        body: UpdateWidgetBody,
        response: { 200: WidgetEnvelope, ...nativeErrorResponses },
      },
    },
    async (request) => {
      checkMemberTargets(request.body.members);
      const widget = await updateWidget(core, actorOf(request).organizationId, request.params.id, request.body);
      return { widget: presentWidget(widget) };
    },
  );

  app.delete(
    '/widgets/:id',
    {
      schema: { tags, summary: 'Delete a widget (its past conversations are kept)', params: IdParams, response: { 204: NoContent, ...nativeErrorResponses } },
    },
    async (request, reply) => {
      await deleteWidget(core, actorOf(request).organizationId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
