import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import type { Core } from './core/context.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { createInProcessEventBus } from './events/event-bus.ts';
import { buildApp } from './http/app.ts';
import { startIntegrations } from './integrations/index.ts';
import { startAnonymousContactRetention } from './jobs/anonymous-contact-retention.ts';
import { startConversationTimers } from './jobs/conversation-timers.ts';

/** How often the conversation clocks look for idle chats and waiting visitors. */
const TIMER_SWEEP_MS = 5_000;

/** The database chosen by the config: PostgreSQL when DATABASE_URL is set, embedded PGlite in `<DATA_DIR>/db` otherwise. */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ driver: 'postgres', url: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  const unlock = await lockDataDir(config.dataDir);
  try {
    const handle = await openDatabase({ driver: 'pglite', dataDir: path.join(config.dataDir, 'db') });
    return { ...handle, close: () => handle.close().finally(unlock) };
  } catch (error) {
    await unlock();
    throw error;
  }
}

export interface Runtime {
  app: FastifyInstance;
  core: Core;
  database: DatabaseHandle;
  /** Starts the background clocks (idle chats, queue notices); stopped by `stop`. */
  startBackgroundWork(): void;
  /** Stops accepting, lets in-flight requests finish (up to the shutdown timeout), then closes the database. */
  stop(): Promise<void>;
}

/** Opens and migrates the database and builds the app; listening is left to the caller. */
export async function createRuntime(config: Config, options: { logger?: boolean } = {}): Promise<Runtime> {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  // The bus exists before the app (subscribers register while it is built); its errors go to the app's log.
  let reportSubscriberError = (_error: unknown) => {};
  const core: Core = { db: database.db, bus: createInProcessEventBus((error) => reportSubscriberError(error)) };
  const app = await buildApp({ config, core, ping: database.ping, logger: options.logger ?? true });
  reportSubscriberError = (error) => app.log.error({ err: error }, 'event subscriber failed');
  let stopping: Promise<void> | undefined;
  let stopTimers = () => {};
  let stopIntegrations = async () => {};
  let stopContactRetention = async () => {};
  return {
    app,
    core,
    database,
    startBackgroundWork() {
      stopTimers = startConversationTimers(core, config.conversationTimers, TIMER_SWEEP_MS, (error) =>
        app.log.error({ err: error }, 'conversation timer pass failed'),
      );
      const integrations = startIntegrations(core, config, (error) => app.log.error({ err: error }, 'webhook or bot delivery failed'));
      stopIntegrations = () => integrations.stop();
      stopContactRetention = startAnonymousContactRetention(core, config.anonymousContactRetentionDays, (error) =>
        app.log.error({ err: error }, 'anonymous contact retention failed'),
      );
    },
    stop: () =>
      (stopping ??= (async () => {
        stopTimers();
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
        await Promise.race([app.close(), timeout]);
        await stopIntegrations();
        await stopContactRetention();
        await database.close();
      })()),
  };
}
