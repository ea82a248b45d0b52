import type { Executor } from '../db/client.ts';
import { findBot } from '../db/repositories/bots.ts';
import { findUserById } from '../db/repositories/users.ts';
import { findMemberAlias } from '../db/repositories/widgets.ts';
import type { Assignee } from './types.ts';

/**
 * The name a visitor sees for an agent or bot in a widget: the member alias set on
 * that widget (SnapEngage's agentAlias), else the user's alias or name (the bot's
 * name). Replies, "X joined" lines and transcripts all use it, so they agree.
 * Empty for a member deleted since.
 */
export async function displayNameOf(db: Executor, organizationId: string, widgetId: string, who: Assignee): Promise<string> {
  const alias = await findMemberAlias(db, widgetId, who.type === 'user' ? { userId: who.id } : { botId: who.id });
  if (alias) return alias;
  if (who.type === 'bot') return (await findBot(db, organizationId, who.id))?.name ?? '';
  const user = await findUserById(db, organizationId, who.id);
  return user ? (user.alias ?? user.name) : '';
}
