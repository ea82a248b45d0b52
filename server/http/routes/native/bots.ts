import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createBot, updateBot } from '../../../core/commands/save-bot.ts';
import { notFound } from '../../../core/errors.ts';
import { getBot, getBots } from '../../../core/queries/bots.ts';
import { botProtocols } from '../../../integrations/bot-protocols.ts';
import { actorOf } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { BotEnvelope, BotListEnvelope, BotProtocolListEnvelope, CreateBotBody, presentBot, UpdateBotBody } from './schemas/bots.ts';
import { IdParams } from './schemas/common.ts';

/** Bot members (endpoints speaking a dialect's bot protocol, SnapEngage's Bot API today); admin only. The endpoint token is write-only. */
export const botRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const tags = ['bots'];

  app.get(
    '/bot-protocols',
    { schema: { tags, summary: 'The protocols a bot can speak, offered by the vendor dialects', response: { 200: BotProtocolListEnvelope, ...nativeErrorResponses } } },
    async () => ({ protocols: [...botProtocols.values()].map(({ id, description }) => ({ id, description })) }),
  );

  app.get('/bots', { schema: { tags, summary: 'List the bots of the organization', response: { 200: BotListEnvelope, ...nativeErrorResponses } } }, async (request) => ({
    bots: (await getBots(core, actorOf(request).organizationId)).map(presentBot),
  }));

  app.post(
    '/bots',
    { schema: { tags, summary: 'Create a bot; add it to a widget as a member (`botId`)', body: CreateBotBody, response: { 201: BotEnvelope, ...nativeErrorResponses } } },
    async (request, reply) => reply.code(201).send({ bot: presentBot(await createBot(core, actorOf(request).organizationId, request.body, config.webhooks)) }),
  );

  app.get('/bots/:id', { schema: { tags, summary: 'Read one bot', params: IdParams, response: { 200: BotEnvelope, ...nativeErrorResponses } } }, async (request) => {
    const bot = await getBot(core, actorOf(request).organizationId, request.params.id);
    if (!bot) throw notFound('bot not found');
    return { bot: presentBot(bot) };
  });

  app.patch(
    '/bots/:id',
    { schema: { tags, summary: 'Change a bot; fields left out stay', params: IdParams, body: UpdateBotBody, response: { 200: BotEnvelope, ...nativeErrorResponses } } },
    async (request) => ({ bot: presentBot(await updateBot(core, actorOf(request).organizationId, request.params.id, request.body, config.webhooks)) }),
  );
};
