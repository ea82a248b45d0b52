import type { Config } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import { dialects } from '../dialects/index.ts';
import { startBotRunner } from './bot-runner.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';
import { createDispatcher } from './dispatcher.ts';
import { webhookFormats } from './formats.ts';
import { createMailer } from './mailer.ts';
import { startTranscriptMailer } from './transcript-mailer.ts';

export interface WebhookDelivery {
  /** Resolves once every committed event has been dispatched and nothing is in flight (tests, bench). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Outbound webhooks: the dispatcher turns committed domain events into delivery rows, the
 * worker sends them. Both wake on the event bus (low latency) and on a timer (retries
 * falling due, events committed by another process, anything missed while down).
 */
export function startWebhookDelivery(core: Core, settings: Pick<Config, 'webhooks' | 'publicUrl'>, onError: (error: unknown) => void): WebhookDelivery {
  const config = settings.webhooks;
  const dispatcher = createDispatcher(core, webhookFormats, settings.publicUrl);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const worker: DeliveryWorker = createDeliveryWorker({ core, config, formats: webhookFormats, mailer, onError });

  let dispatching: Promise<void> | undefined;
  let again = false;
  /** Dispatches until the outbox is read, waking the worker for new deliveries; calls while it runs coalesce into one more round. */
  function dispatch(): Promise<void> {
    if (dispatching) {
      again = true;
      return dispatching;
    }
    dispatching = (async () => {
      do {
        again = false;
        try {
          for (let page = await dispatcher.dispatchPage(); page.events > 0; page = await dispatcher.dispatchPage()) {
            if (page.deliveries > 0) worker.wake();
          }
        } catch (error) {
          onError(error);
        }
      } while (again);
    })().finally(() => (dispatching = undefined));
    return dispatching;
  }

  const unsubscribe = core.bus.subscribe(() => void dispatch());
  // The timer also finds retries falling due, and deliveries another process made.
  const timer = setInterval(() => {
    void dispatch();
    worker.wake();
  }, config.pollMs);
  timer.unref();
  void dispatch();
  // Deliveries left pending by the previous run (retries, a crash) go on at once.
  worker.wake();

  return {
    async drained() {
      await dispatch();
      await worker.idle();
    },
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await dispatching;
      await dispatcher.save();
      await worker.stop();
      mailer?.close();
    },
  };
}

/**
 * Everything outbound that runs in the background: webhook delivery, and bot members spoken
 * to through the protocol of the dialect that defines one (SnapEngage's Bot API).
 */
export function startIntegrations(core: Core, config: Pick<Config, 'webhooks' | 'publicUrl'>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  const webhooks = startWebhookDelivery(core, config, onError);
  const botProtocol = dialects.find((dialect) => dialect.botProtocol)?.botProtocol;
  const bots = botProtocol && startBotRunner(core, config, botProtocol, onError);
  // Without SMTP_URL transcript requests are only recorded in the conversation.
  const transcriptMail = createMailer(config.webhooks.smtpUrl, config.webhooks.mailFrom);
  const transcripts = transcriptMail && startTranscriptMailer(core, transcriptMail, config, onError);
  return {
    async stop() {
      await transcripts?.stop();
      transcriptMail?.close();
      await bots?.stop();
      await webhooks.stop();
    },
  };
}
