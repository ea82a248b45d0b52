import { openVisitorSession } from '../core/commands/open-visitor-session.ts';
import type { Core } from '../core/context.ts';
import { DomainError, invalid } from '../core/errors.ts';
import { authenticateSession } from '../core/queries/authenticate-session.ts';
import { getWidgetEmbedRules, isHostAllowed } from '../core/queries/public-widget.ts';
import { isOwnOrigin } from '../http/own-origin.ts';
import { hostOf } from '../http/routes/widget/host-of.ts';
import type { ClientInfo, Identity } from './identity.ts';
import type { AuthFrame } from './protocol.ts';
import type { ReadyFrame } from '../../protocol/realtime.ts';

/** Credentials were missing, wrong or not acceptable: the socket closes with 4401 and this message. */
export class AuthenticationFailed extends Error {}

export interface Authenticated {
  identity: Identity;
  ready: ReadyFrame;
}

/** Turns the first frame into an identity, or throws AuthenticationFailed (or DomainError `invalid` for a malformed frame). */
export async function authenticate(core: Core, publicUrl: string, frame: AuthFrame, client: ClientInfo): Promise<Authenticated> {
  return frame.role === 'agent' ? authenticateAgent(core, publicUrl, frame, client) : authenticateVisitor(core, publicUrl, frame, client);
}

async function authenticateAgent(core: Core, publicUrl: string, frame: AuthFrame, client: ClientInfo): Promise<Authenticated> {
  const token = frame.token ?? client.sessionCookie;
  if (!token) throw new AuthenticationFailed('no credentials: log in first, or send a session token');
  // A cookie is sent by the browser on its own, so only our own pages may use it (cross-site WebSocket hijacking).
  if (frame.token === undefined && !isSameOrigin(client, publicUrl)) {
    throw new AuthenticationFailed('cookie sign-in is not accepted from this origin');
  }
  const user = await authenticateSession(core, token);
  if (!user) throw new AuthenticationFailed('session has expired or ended; log in again');
  const { id, organizationId, name, alias, email, role, presence } = user;
  return {
    identity: { role: 'agent', organizationId, user, sessionToken: token },
    ready: { type: 'ready', role: 'agent', user: { id, organizationId, name, alias, email, role, presence } },
  };
}

async function authenticateVisitor(core: Core, publicUrl: string, frame: AuthFrame, client: ClientInfo): Promise<Authenticated> {
  if (!frame.widgetId) throw invalid('widgetId', 'widgetId is required for visitors');
  await requireAllowedSite(core, publicUrl, frame.widgetId, client);
  try {
    const { organizationId, widgetId, contactId, visitorId, sessionTokenHash, token } = await openVisitorSession(core, frame.widgetId, frame.visitorToken);
    return {
      identity: { role: 'visitor', organizationId, widgetId, contactId, visitorId, sessionTokenHash },
      // The widget keeps visitorToken and presents it on the next connection to stay the same visitor.
      ready: { type: 'ready', role: 'visitor', widgetId, visitorToken: token, visitorId, contactId },
    };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') throw new AuthenticationFailed('widget not found');
    throw error;
  }
}

/**
 * A widget limited to some domains (allowedDomains) chats only from pages there: the widget's
 * iframe shares its page's origin, so the browser's Origin header names the site. Clients
 * without an Origin (apps, servers) and this server's own pages (/demo) are not limited.
 */
async function requireAllowedSite(core: Core, publicUrl: string, widgetId: string, client: ClientInfo): Promise<void> {
  if (isSameOrigin(client, publicUrl)) return;
  const rules = await getWidgetEmbedRules(core, widgetId);
  // No rules to apply; an unknown widget is refused by openVisitorSession with its own words.
  if (!rules || rules.allowedDomains.length === 0) return;
  const host = hostOf(client.origin);
  if (host === undefined || !isHostAllowed(rules.allowedDomains, host)) throw new AuthenticationFailed('this widget may not be used on this site');
}

/** Non-browser clients send no Origin; a browser's must be this server's (as addressed, or as configured in PUBLIC_URL). */
function isSameOrigin(client: ClientInfo, publicUrl: string): boolean {
  return client.origin === undefined || isOwnOrigin(client.origin, client.host, publicUrl);
}
