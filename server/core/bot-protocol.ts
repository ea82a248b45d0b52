import type { Core } from './context.ts';
import type { StoredEvent } from './events.ts';
import type { MessageView } from './types.ts';

/** A bot member that answers over HTTP. */
export interface BotEndpoint {
  id: string;
  organizationId: string;
  url: string;
  /** Sent as the vendor documents it (SnapEngage: `Authorization`). */
  token: string | null;
  /** The `BotProtocol.id` the bot speaks, as recorded on the bot. */
  protocol: string;
}

/** What the bot is told about: its chat began, the visitor wrote, the chat ended. */
export type BotTrigger =
  | { kind: 'chat_started' }
  | { kind: 'visitor_message'; message: MessageView }
  | { kind: 'chat_closed' };

export interface BotCall {
  core: Core;
  bot: BotEndpoint;
  conversationId: string;
  widgetId: string;
  trigger: BotTrigger;
  /** The event the trigger came from (its time is the payload's timestamp). */
  event: StoredEvent;
  timeoutMs: number;
  /** ALLOW_PRIVATE_WEBHOOK_TARGETS: without it the bot's endpoint must be on a public address. */
  allowPrivateTargets: boolean;
}

/**
 * A vendor's bot webhook (SnapEngage Bot API): tells the bot what happened and carries out
 * what it answers. `failed` (no answer in time, an error status, an unreadable body) makes
 * the runner hand the chat to a person.
 */
export interface BotProtocol {
  /**
   * Recorded on each bot (`bots.protocol`) and chosen in the native API. Prefixed with the
   * dialect, as webhook format ids are, so ids of different vendors never clash:
   * `snapengage.bot-api`.
   */
  id: string;
  /** One line for the API's list of protocols and the console. */
  description: string;
  handle(call: BotCall): Promise<'answered' | 'failed'>;
}
