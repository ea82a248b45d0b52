import { and, eq, isNull, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { isUuid } from '../ids.ts';
import { agentConnections, realtimeNodes, users } from '../schema/index.ts';

export type PresenceStatus = (typeof users.$inferSelect)['presence'];

/**
 * A user's presence, row-locked until the transaction ends, so two concurrent
 * changes each see the other's result as `previous` instead of the same old value.
 */
export async function lockUserPresence(tx: Executor, organizationId: string, userId: string) {
  if (!isUuid(userId)) return undefined;
  const [row] = await tx
    .select({ id: users.id, email: users.email, presence: users.presence, presenceReason: users.presenceReason, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .for('update');
  return row;
}

/** Presence is not a profile edit: `updated_at` is left alone. */
export async function writeUserPresence(
  tx: Executor,
  userId: string,
  values: { presence: PresenceStatus; presenceReason: string | null; presenceChangedAt?: Date },
): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, userId));
}

/**
 * When an agent counts as gone from every node: none of their console rows is open on a node
 * that beat within `staleMs`, nor went away (closed, or its node's last beat) within `graceMs`.
 */
export interface Absence {
  graceMs: number;
  staleMs: number;
}

const ago = (ms: number) => sql`now() - ${ms}::double precision * interval '1 millisecond'`;

/** The agent has a console row, and every one of them has been gone for the grace period. */
function isAbsent(userId: SQLWrapper | string, { graceMs, staleMs }: Absence): SQL {
  return sql`exists (select 1 from agent_connections c where c.user_id = ${userId})
    and not exists (
      select 1 from agent_connections c join realtime_nodes n on n.id = c.node_id
      where c.user_id = ${userId}
        and ((c.closed_at is null and n.last_seen_at >= ${ago(staleMs)}) or coalesce(c.closed_at, n.last_seen_at) >= ${ago(graceMs)}))`;
}

/** Adds this node, or (after others removed it as stopped) adds it back. */
export async function registerNode(db: Executor, nodeId: string): Promise<void> {
  await db
    .insert(realtimeNodes)
    .values({ id: nodeId })
    .onConflictDoUpdate({ target: realtimeNodes.id, set: { lastSeenAt: sql`now()` } });
}

/** The node's heartbeat; false when its row is gone (removed as stopped while it could not beat). */
export async function beatNode(db: Executor, nodeId: string): Promise<boolean> {
  const rows = await db.update(realtimeNodes).set({ lastSeenAt: sql`now()` }).where(eq(realtimeNodes.id, nodeId)).returning({ id: realtimeNodes.id });
  return rows.length > 0;
}

/** Whether the agent has a console open on this node (`open`) or since when they have not. */
export async function recordAgentConnection(db: Executor, nodeId: string, userId: string, open: boolean): Promise<void> {
  const closedAt = open ? null : sql`now()`;
  await db
    .insert(agentConnections)
    .values({ nodeId, userId, closedAt })
    .onConflictDoUpdate({ target: [agentConnections.nodeId, agentConnections.userId], set: { closedAt } });
}

/** A node stopping on purpose: every agent connected to it has been gone from it since now. */
export async function closeNodeConnections(db: Executor, nodeId: string): Promise<void> {
  await db
    .update(agentConnections)
    .set({ closedAt: sql`now()` })
    .where(and(eq(agentConnections.nodeId, nodeId), isNull(agentConnections.closedAt)));
}

/** Agents not offline whose consoles have been gone from every node for the grace period. */
export async function listAbsentAgents(db: Executor, absence: Absence, limit: number) {
  return db
    .select({ organizationId: users.organizationId, userId: users.id })
    .from(users)
    .where(and(ne(users.presence, 'offline'), isAbsent(users.id, absence)))
    .limit(limit);
}

/** Checked again under the agent's presence lock, just before setting them offline. */
export async function isAgentAbsent(tx: Executor, userId: string, absence: Absence): Promise<boolean> {
  const result = (await tx.execute(sql`select ${isAbsent(userId, absence)} as absent`)) as unknown as { rows: Array<{ absent: boolean }> };
  return result.rows[0]?.absent === true;
}

/**
 * Drops what no longer tells anything: closed rows of agents who are offline, and nodes silent
 * for `staleMs` that hold no row of an agent still to be set offline (with their rows).
 */
export async function deleteSettledConnections(db: Executor, staleMs: number): Promise<void> {
  await db.execute(sql`
    delete from agent_connections c using users u
    where u.id = c.user_id and u.presence = 'offline' and c.closed_at is not null`);
  await db.execute(sql`
    delete from realtime_nodes n
    where n.last_seen_at < ${ago(staleMs)}
      and not exists (select 1 from agent_connections c join users u on u.id = c.user_id where c.node_id = n.id and u.presence <> 'offline')`);
}
