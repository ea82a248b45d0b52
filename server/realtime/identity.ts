import type { VisitorKey } from '../core/commands/open-visitor-session.ts';
import type { User } from '../core/types.ts';

/** Who is at the other end of an authenticated socket. Fixed for the socket's lifetime. */
export type Identity = AgentIdentity | VisitorIdentity;

/** A console user (agent or admin role). */
export interface AgentIdentity {
  role: 'agent';
  organizationId: string;
  user: User;
  /** The session the socket authenticated with, checked again when the user's sessions may have ended. Never sent. */
  sessionToken: string;
}

/**
 * A website visitor chatting through a widget; `contactId` is who they are in the core. Until
 * they start a chat it names no row yet (open-visitor-session.ts): `startConversation` writes
 * the contact from these fields.
 */
export interface VisitorIdentity extends VisitorKey {
  role: 'visitor';
  widgetId: string;
}

/** What the upgrade request told us about the client; read once when the socket opens. */
export interface ClientInfo {
  ip: string;
  userAgent: string | undefined;
  /** The sb_session cookie, if the browser sent one. */
  sessionCookie: string | undefined;
  origin: string | undefined;
  host: string | undefined;
}
