import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import type { BotProtocol } from '../core/bot-protocol.ts';
import type { WebhookFormat } from '../core/webhook-format.ts';

export interface DialectOptions {
  core: Core;
  config: Config;
}

/**
 * One vendor's API surface. Its routes run in their own fastify scope, so the
 * vendor's error shape and auth style never leak into other APIs.
 */
export interface Dialect {
  id: string;
  routes: FastifyPluginAsync<DialectOptions>;
  /** The vendor's outbound webhook payloads, offered to subscriptions (server/integrations). */
  webhookFormats?: readonly WebhookFormat[];
  /** How bot members that record its `id` are spoken to, when this vendor defines it (server/integrations/bot-runner.ts). */
  botProtocol?: BotProtocol;
}
