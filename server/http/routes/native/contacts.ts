import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { updateContact } from '../../../core/commands/update-contact.ts';
import { invalid, notFound } from '../../../core/errors.ts';
import { getContact, listConversationSummaries } from '../../../core/queries/conversation-browsing.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { Email, IdParams, Name, Nullable } from './schemas/common.ts';
import { ContactEnvelope, ConversationListEnvelope, presentContact, presentSummary } from './schemas/conversations.ts';

const Phone = Type.String({ minLength: 1, maxLength: 50, pattern: '^[0-9+()./ x-]+$' });

const UpdateContactBody = Type.Object(
  { name: Type.Optional(Nullable(Name)), email: Type.Optional(Nullable(Email)), phone: Type.Optional(Nullable(Phone)) },
  { additionalProperties: false },
);

/** Visitors as contacts: agents correct what they know (the console's slash commands) and see their history. */
export const contactRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core }) => {
  const tags = ['contacts'];
  const config = { access: 'member' as const };

  app.patch(
    '/contacts/:id',
    {
      config,
      schema: { tags, summary: "Set or clear a visitor's name, e-mail or phone", params: IdParams, body: UpdateContactBody, response: { 200: ContactEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      // An empty body changes nothing and is most likely a client bug.
      if (Object.keys(request.body).length === 0) throw invalid('body', 'send at least one of name, email, phone');
      return { contact: presentContact(await updateContact(core, actorOf(request).organizationId, request.params.id, request.body)) };
    },
  );

  app.get(
    '/contacts/:id/conversations',
    {
      config,
      schema: { tags, summary: "A visitor's conversations, newest first", params: IdParams, response: { 200: ConversationListEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const { organizationId } = actorOf(request);
      if (!(await getContact(core, organizationId, request.params.id))) throw notFound('contact not found');
      const summaries = await listConversationSummaries(core, organizationId, { contactId: request.params.id, limit: 100 });
      return { conversations: summaries.map(presentSummary) };
    },
  );
};
