import { insertBot, updateBotRow } from '../../db/repositories/bots.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import type { TargetPolicy } from '../outbound-target.ts';
import { toBot, type Bot } from '../queries/bots.ts';
import { requireText } from '../validation.ts';
import { checkHttpUrl } from '../webhook-subscription.ts';

export interface BotInput {
  name?: string;
  /** Where the bot's webhooks are POSTed (http or https). */
  endpointUrl?: string;
  /** `null` removes it. */
  endpointToken?: string | null;
  /**
   * The `BotProtocol.id` it speaks; the caller checks it names a protocol a dialect provides
   * (core does not know the dialects). Left out on create: the column's default, SnapEngage's.
   */
  protocol?: string;
  presence?: 'online' | 'offline';
}

/** A bot member for widgets (add it to a widget's members to have it take chats first). */
export async function createBot(core: Core, organizationId: string, input: BotInput & { name: string; endpointUrl: string }, policy: TargetPolicy): Promise<Bot> {
  return toBot(
    await insertBot(core.db, {
      organizationId,
      name: requireText('name', input.name, 200),
      endpointUrl: checkHttpUrl('endpointUrl', input.endpointUrl, policy),
      endpointToken: input.endpointToken || null,
      ...(input.protocol !== undefined && { protocol: input.protocol }),
      presence: input.presence ?? 'online',
    }),
  );
}

/** Changes a bot; fields left out stay. An offline bot is skipped by routing. */
export async function updateBot(core: Core, organizationId: string, id: string, input: BotInput, policy: TargetPolicy): Promise<Bot> {
  const row = await updateBotRow(core.db, organizationId, id, {
    ...(input.name !== undefined && { name: requireText('name', input.name, 200) }),
    ...(input.endpointUrl !== undefined && { endpointUrl: checkHttpUrl('endpointUrl', input.endpointUrl, policy) }),
    ...(input.endpointToken !== undefined && { endpointToken: input.endpointToken || null }),
    ...(input.protocol !== undefined && { protocol: input.protocol }),
    ...(input.presence !== undefined && { presence: input.presence }),
  });
  if (!row) throw notFound('bot not found');
  return toBot(row);
}
