import type { Executor } from '../../db/client.ts';
import { isAgentAbsent, lockUserPresence, writeUserPresence, type Absence } from '../../db/repositories/presence.ts';
import { runInTransaction, type Emit } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Presence } from '../types.ts';

const PRESENCES: readonly Presence[] = ['online', 'pause', 'offline'];
export const SUB_STATUS_MAX = 200;

export interface PresenceChange {
  userId: string;
  status: Presence;
  subStatus: string | null;
  previous: Presence;
  /** False when the agent already had this status and sub-status: nothing was written or emitted. */
  changed: boolean;
}

/** Blank means "no reason given"; a status sent without one clears the previous reason. */
function normalizeSubStatus(subStatus: string | null | undefined): string | null {
  const text = subStatus?.trim() ?? '';
  if (text.length > SUB_STATUS_MAX) throw invalid('subStatus', `subStatus must be at most ${SUB_STATUS_MAX} characters`);
  return text === '' ? null : text;
}

/**
 * Sets an agent's presence (`pause` = reachable but not routed to) with an optional
 * reason, and emits `agent.status_changed`. Repeating the current state is a no-op,
 * so integrations that re-send their state periodically do not flood the event log.
 */
export async function setAgentPresence(
  core: Core,
  organizationId: string,
  userId: string,
  status: Presence,
  subStatus?: string | null,
): Promise<PresenceChange> {
  if (!PRESENCES.includes(status)) throw invalid('status', `status must be one of: ${PRESENCES.join(', ')}`);
  const reason = normalizeSubStatus(subStatus);
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await lockUserPresence(tx, organizationId, userId);
    if (!current) throw notFound('user not found');
    if (status === 'online' && current.disabledAt !== null) throw invalid('status', 'a disabled agent cannot go online');
    return applyPresence(tx, emit, organizationId, current, status, reason);
  });
}

/**
 * Sets offline an agent whose console has been gone from every node for the grace period
 * (realtime/agent-presence.ts), with the same event as any other change. Their absence is
 * checked again under their lock, so one who reconnected since the sweep looked keeps their
 * status. Undefined when they are back, or deleted.
 */
export async function setAbsentAgentOffline(core: Core, organizationId: string, userId: string, absence: Absence): Promise<PresenceChange | undefined> {
  return runInTransaction(core.db, core.bus, async (tx, emit) => {
    const current = await lockUserPresence(tx, organizationId, userId);
    if (!current || !(await isAgentAbsent(tx, userId, absence))) return undefined;
    return applyPresence(tx, emit, organizationId, current, 'offline', null);
  });
}

/** Writes and emits the change on the agent's locked presence row; nothing when it is no change. */
async function applyPresence(
  tx: Executor,
  emit: Emit,
  organizationId: string,
  current: { id: string; email: string; presence: Presence; presenceReason: string | null },
  status: Presence,
  reason: string | null,
): Promise<PresenceChange> {
  const userId = current.id;
  const previous = current.presence;
  const changed = previous !== status || current.presenceReason !== reason;
  if (changed) {
    // The timestamp says since when the agent has had this status; a new reason alone does not restart it.
    await writeUserPresence(tx, userId, { presence: status, presenceReason: reason, ...(previous !== status && { presenceChangedAt: new Date() }) });
    emit({
      type: 'agent.status_changed',
      organizationId,
      userId,
      payload: { userId, email: current.email, status, subStatus: reason, previous },
    });
  }
  return { userId, status, subStatus: reason, previous, changed };
}
