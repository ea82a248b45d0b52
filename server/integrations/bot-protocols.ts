import type { BotProtocol } from '../core/bot-protocol.ts';
import { dialects } from '../dialects/index.ts';

/** Every protocol a bot may speak, by the id recorded on the bot: each dialect's. */
export const botProtocols: ReadonlyMap<string, BotProtocol> = new Map(
  dialects.flatMap((dialect) => (dialect.botProtocol ? [dialect.botProtocol] : [])).map((protocol) => [protocol.id, protocol]),
);
