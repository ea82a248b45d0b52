import { Type, type Static } from 'typebox';
import { SUB_STATUS_MAX } from '../../kit.ts';

/**
 * Agent Status API `POST /api/v2/agentstatus`. "There is no mechanism to set the agent
 * status to offline", so `offline` is refused like any other value. Other properties
 * pass: the reference's Java sample object also serializes `org` and `timestamp` (as null).
 */
export const AgentStatusBody = Type.Object({
  /** An e-mail, with or without `wc:`; checked by the route so the message says "e-mail". */
  agent_id: Type.String({ minLength: 1, maxLength: 256 }),
  status: Type.Enum(['online', 'pause']),
  sub_status: Type.Optional(Type.Union([Type.String({ maxLength: SUB_STATUS_MAX }), Type.Null()])),
});

/** The reference documents only "200 OK"; the body mirrors its error shape. */
export const AgentStatusResponse = Type.Object({ code: Type.Integer(), message: Type.String() });

export type AgentStatusBody = Static<typeof AgentStatusBody>;
