import type { Database } from '../db/client.ts';
import type { EventBus } from '../events/event-bus.ts';

/** What every command and query needs: the database and where committed events go. */
export interface Core {
  db: Database;
  bus: EventBus;
}
