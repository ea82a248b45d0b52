import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * One row per server process (a new random id at every start) while it runs the realtime
 * gateway; `last_seen_at` is its heartbeat. A node that stops beating (crash, SIGKILL, lost
 * database) no longer vouches for the agents connected to it (realtime/agent-presence.ts).
 */
export const realtimeNodes = pgTable('realtime_nodes', {
  id: uuid('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An agent's console on one node: open (`closed_at` null) while the agent has at least one
 * socket there, closed with the time their last one went away. Written once per first
 * connect and last disconnect on a node, never per message.
 */
export const agentConnections = pgTable(
  'agent_connections',
  {
    nodeId: uuid('node_id').notNull().references(() => realtimeNodes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.userId] }), index('agent_connections_user_idx').on(t.userId)],
);
