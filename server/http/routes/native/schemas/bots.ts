import { Type } from 'typebox';
import { BotPresenceSchema, BotProtocolResponse, BotResponse, type BotView } from '../../../../../protocol/native-api.ts';
import type { Bot } from '../../../../core/queries/bots.ts';
import { botProtocols } from '../../../../integrations/bot-protocols.ts';
import { Name, Nullable } from './common.ts';

const EndpointUrl = Type.String({ minLength: 1, maxLength: 2048, description: 'http or https; receives the requests of the bot\'s protocol (`snapengage.bot-api`: chatStarted, message, chatClosed, commandResult). A public address unless the server sets ALLOW_PRIVATE_WEBHOOK_TARGETS' });
const Protocol = Type.Enum([...botProtocols.keys()], { description: 'How the bot is spoken to (`GET /bot-protocols`); on create, `snapengage.bot-api` when left out' });
const EndpointToken = Type.String({ minLength: 1, maxLength: 1024, description: 'Sent verbatim in the Authorization header' });

export const CreateBotBody = Type.Object(
  { name: Name, endpointUrl: EndpointUrl, endpointToken: Type.Optional(Nullable(EndpointToken)), protocol: Type.Optional(Protocol), presence: Type.Optional(BotPresenceSchema) },
  { additionalProperties: false },
);

export const UpdateBotBody = Type.Object(
  {
    name: Type.Optional(Name),
    endpointUrl: Type.Optional(EndpointUrl),
    endpointToken: Type.Optional(Nullable(EndpointToken)),
    protocol: Type.Optional(Protocol),
    presence: Type.Optional(BotPresenceSchema),
  },
  { additionalProperties: false },
);

export const BotEnvelope = Type.Object({ bot: BotResponse });
export const BotListEnvelope = Type.Object({ bots: Type.Array(BotResponse) });
export const BotProtocolListEnvelope = Type.Object({ protocols: Type.Array(BotProtocolResponse) });

export function presentBot(bot: Bot): BotView {
  return { ...bot, createdAt: bot.createdAt.toISOString() };
}
