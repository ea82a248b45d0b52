import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../../config/config.ts';
import { postVisitorNote, requestTranscript } from '../../../core/commands/visitor-requests.ts';
import type { Core } from '../../../core/context.ts';
import { forbidden, notFound } from '../../../core/errors.ts';
import { getPublicWidget, isHostAllowed } from '../../../core/queries/public-widget.ts';
import type { WidgetUiSettings } from '../../../../protocol/widget-config.ts';
import { MessageBudget } from '../../../realtime/action-budget.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import { Email, IdParams } from '../native/schemas/common.ts';
import { hostOf } from './host-of.ts';
import { presentPublicWidget } from './present.ts';
import { visitorOf, visitorSending } from './visitor-token.ts';

const Agent = Type.Object({ id: Type.String(), alias: Type.String(), avatarUrl: Type.Union([Type.String(), Type.Null()]), bot: Type.Boolean() });
/** Settings are validated by the core (widget-ui-settings.ts); the schema only has to let them through. */
const Settings = Type.Unsafe<WidgetUiSettings>(Type.Record(Type.String(), Type.Unknown()));
const PublicWidgetEnvelope = Type.Object({
  widget: Type.Object({
    id: Type.String(),
    name: Type.String(),
    online: Type.Boolean(),
    emailRequired: Type.Boolean(),
    messageRequired: Type.Boolean(),
    proactiveEnabled: Type.Boolean(),
    agents: Type.Array(Agent),
    settings: Settings,
  }),
});
const Accepted = Type.Object({ messageId: Type.String() });
/** How the OpenAPI document says these routes are authenticated: the visitor's token header. */
export const VISITOR: Array<Record<string, string[]>> = [{ visitorToken: [] }];

/** What the visitor widget calls over HTTP besides the WebSocket: its configuration, a transcript request and notes for the agent. */
export const widgetPublicApi: FastifyPluginAsyncTypebox<{ core: Core; config: Config }> = async (app, { core, config }) => {
  const tags = ['visitor widget'];
  const messages = new MessageBudget(config);
  app.get(
    '/public/widgets/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: "A widget's public configuration and whether it takes chats now", params: IdParams, response: { 200: PublicWidgetEnvelope, ...nativeErrorResponses } },
    },
    async (request) => {
      const found = await getPublicWidget(core, request.params.id);
      if (!found) throw notFound('widget not found');
      // fetch sends Origin on cross-site requests: the page the widget runs on.
      const host = hostOf(request.headers.origin);
      if (host !== undefined && !isHostAllowed(found.widget.allowedDomains, host)) throw forbidden(`this widget may not be embedded on ${host}`);
      return { widget: presentPublicWidget(found) };
    },
  );

  app.post(
    '/public/conversations/:id/transcript',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The visitor asks for the transcript by e-mail (header x-visitor-token). Only to the address given for the chat (403 naming email otherwise); 429 past the limits; 403 when the organization or widget has transcripts off',
        security: VISITOR,
        params: IdParams,
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Accepted, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(core, request);
      const message = await requestTranscript(core, config.transcripts, visitor, request.params.id, { email: request.body.email, ip: request.ip });
      return reply.code(202).send({ messageId: message.id });
    },
  );

  app.post(
    '/public/conversations/:id/notes',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A note for the agents only, from the page (SnapEngage sendTextToChat); header x-visitor-token. Counts as a visitor message: 429 with Retry-After past the limits',
        security: VISITOR,
        params: IdParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 201: Accepted, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const visitor = await visitorSending(core, messages, request, reply, request.params.id);
      const message = await postVisitorNote(core, visitor, request.params.id, request.body.text);
      return reply.code(201).send({ messageId: message.id });
    },
  );
};
