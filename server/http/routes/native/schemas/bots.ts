import { Type, type Static } from 'typebox';
import type { Bot } from '../../../../core/queries/bots.ts';
import { Name, Nullable, Timestamp } from './common.ts';

const EndpointUrl = Type.String({ minLength: 1, maxLength: 2048, description: 'http or https; receives chatStarted, message, chatClosed and commandResult (SnapEngage Bot API)' });
const EndpointToken = Type.String({ minLength: 1, maxLength: 1024, description: 'Sent verbatim in the Authorization header' });
const Presence = Type.Enum(['online', 'offline'], { description: 'An offline bot is skipped by routing' });

export const CreateBotBody = Type.Object(
  { name: Name, endpointUrl: EndpointUrl, endpointToken: Type.Optional(Nullable(EndpointToken)), presence: Type.Optional(Presence) },
  { additionalProperties: false },
);

export const UpdateBotBody = Type.Object(
  { name: Type.Optional(Name), endpointUrl: Type.Optional(EndpointUrl), endpointToken: Type.Optional(Nullable(EndpointToken)), presence: Type.Optional(Presence) },
  { additionalProperties: false },
);

export const BotResponse = Type.Object({
  id: Type.String({ description: 'Use as `botId` in a widget member to have the bot take its chats first' }),
  name: Type.String(),
  endpointUrl: Nullable(Type.String()),
  hasEndpointToken: Type.Boolean(),
  presence: Presence,
  createdAt: Timestamp,
});

export const BotEnvelope = Type.Object({ bot: BotResponse });
export const BotListEnvelope = Type.Object({ bots: Type.Array(BotResponse) });

export function presentBot(bot: Bot): Static<typeof BotResponse> {
  return { ...bot, createdAt: bot.createdAt.toISOString() };
}
