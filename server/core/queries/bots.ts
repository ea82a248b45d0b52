import { findBot, listBots, type BotRow } from '../../db/repositories/bots.ts';
import type { BotEndpoint } from '../bot-protocol.ts';
import type { Core } from '../context.ts';

/** A bot as the API shows it: its endpoint, never its token. */
export interface Bot {
  id: string;
  name: string;
  endpointUrl: string | null;
  hasEndpointToken: boolean;
  /** The `BotProtocol.id` it speaks. */
  protocol: string;
  presence: 'online' | 'offline';
  createdAt: Date;
}

export function toBot(row: BotRow): Bot {
  return { id: row.id, name: row.name, endpointUrl: row.endpointUrl, hasEndpointToken: row.endpointToken !== null, protocol: row.protocol, presence: row.presence, createdAt: row.createdAt };
}

export async function getBots(core: Core, organizationId: string): Promise<Bot[]> {
  return (await listBots(core.db, organizationId)).map(toBot);
}

export async function getBot(core: Core, organizationId: string, id: string): Promise<Bot | undefined> {
  const row = await findBot(core.db, organizationId, id);
  return row && toBot(row);
}

/** Where to reach a bot, token included: for the bot runner only, never for an API answer. */
export async function getBotEndpoint(core: Core, organizationId: string, id: string): Promise<BotEndpoint | undefined> {
  const row = await findBot(core.db, organizationId, id);
  return row?.endpointUrl ? { id: row.id, organizationId, url: row.endpointUrl, token: row.endpointToken, protocol: row.protocol } : undefined;
}
