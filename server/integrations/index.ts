import type { Config } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import { insertDeliveries } from '../db/repositories/webhooks.ts';
import { botProtocols } from './bot-protocols.ts';
import { startBotRunner } from './bot-runner.ts';
import { pruneDeliveryLog, RETENTION_SWEEP_MS } from './delivery-log-retention.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';
import { createDeliveryBuilder } from './dispatcher.ts';
import { webhookFormats } from './formats.ts';
import { createMailer } from './mailer.ts';
import { startOutboxConsumer } from './outbox-consumer.ts';
import { startTranscriptMailer } from './transcript-mailer.ts';

export interface WebhookDelivery {
  /** Resolves once every committed event has been dispatched and nothing is in flight (tests, bench). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** Events read per pass; a backlog drains in pages of this size. */
const DISPATCH_PAGE_SIZE = 500;

/**
 * Outbound webhooks: an outbox consumer turns committed domain events into delivery rows, the
 * worker sends them. Both wake on the event bus (low latency) and on a timer (retries
 * falling due, events committed by another process, anything missed while down). Once an hour
 * the delivery log loses what settled before its retention period.
 */
export function startWebhookDelivery(core: Core, settings: Pick<Config, 'webhooks' | 'publicUrl'>, onError: (error: unknown) => void): WebhookDelivery {
  const config = settings.webhooks;
  const deliveriesFor = createDeliveryBuilder(core, webhookFormats, settings.publicUrl);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const worker: DeliveryWorker = createDeliveryWorker({ core, config, formats: webhookFormats, mailer, onError });
  const dispatcher = startOutboxConsumer(core, {
    name: 'webhooks',
    pageSize: DISPATCH_PAGE_SIZE,
    pollMs: config.pollMs,
    onError,
    async handlePage(page) {
      const deliveries = await deliveriesFor(page.events);
      if (deliveries.length === 0) return;
      return { write: (tx) => insertDeliveries(tx, deliveries), committed: () => worker.wake() };
    },
  });
  // Retries falling due, and deliveries another process made.
  const timer = setInterval(() => worker.wake(), config.pollMs);
  timer.unref();
  // Deliveries left pending by the previous run (retries, a crash) go on at once.
  worker.wake();
  let pruning: Promise<unknown> | undefined;
  const prune = () => void (pruning ??= pruneDeliveryLog(core, config.logRetentionDays).catch(onError).finally(() => (pruning = undefined)));
  const retention = setInterval(prune, RETENTION_SWEEP_MS);
  retention.unref();
  prune();

  return {
    async drained() {
      await dispatcher.drained();
      await worker.idle();
    },
    async stop() {
      clearInterval(timer);
      clearInterval(retention);
      await pruning;
      await dispatcher.stop();
      await worker.stop();
      mailer?.close();
    },
  };
}

/**
 * Everything outbound that runs in the background: webhook delivery, and bot members, each
 * spoken to through the protocol it records (one of the dialects', SnapEngage's Bot API today).
 */
export function startIntegrations(core: Core, config: Pick<Config, 'webhooks' | 'publicUrl'>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  const webhooks = startWebhookDelivery(core, config, onError);
  // Started even if no dialect offered a protocol: its bots' chats must still reach people.
  const bots = startBotRunner(core, config, botProtocols, onError);
  // Without SMTP_URL transcript requests are only recorded in the conversation.
  const transcriptMail = createMailer(config.webhooks.smtpUrl, config.webhooks.mailFrom);
  const transcripts = transcriptMail && startTranscriptMailer(core, transcriptMail, config, onError);
  return {
    async stop() {
      await transcripts?.stop();
      transcriptMail?.close();
      await bots.stop();
      await webhooks.stop();
    },
  };
}
