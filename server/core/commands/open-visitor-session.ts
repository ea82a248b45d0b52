import { findContactBySessionHash, insertContact } from '../../db/repositories/contacts.ts';
import { findLiveWidgetAnywhere } from '../../db/repositories/widgets.ts';
import { runInTransaction } from '../../db/unit-of-work.ts';
import type { Core } from '../context.ts';
import { notFound } from '../errors.ts';
import { randomToken, sha256 } from '../security/tokens.ts';

export interface VisitorSession {
  organizationId: string;
  widgetId: string;
  contactId: string;
  /** The cookie id of the visitor (SnapEngage's visitor id); stable across sessions of one browser. */
  visitorId: string;
  /** The secret the widget keeps; it proves on reconnect that this is the same visitor. */
  token: string;
}

/**
 * Resumes the visitor behind a token the widget kept, or makes a new anonymous
 * contact with a fresh token. A token of another organization counts as none.
 */
export async function openVisitorSession(core: Core, widgetId: string, presentedToken?: string): Promise<VisitorSession> {
  const widget = await findLiveWidgetAnywhere(core.db, widgetId);
  if (!widget) throw notFound('widget not found');
  if (presentedToken) {
    const contact = await findContactBySessionHash(core.db, sha256(presentedToken));
    if (contact && contact.organizationId === widget.organizationId) {
      return { organizationId: widget.organizationId, widgetId, contactId: contact.id, visitorId: contact.visitorId ?? contact.id, token: presentedToken };
    }
  }
  const token = randomToken(32);
  const visitorId = randomToken(12);
  const contact = await runInTransaction(core.db, core.bus, (tx) =>
    insertContact(tx, { organizationId: widget.organizationId, visitorId, sessionTokenHash: sha256(token) }),
  );
  return { organizationId: widget.organizationId, widgetId, contactId: contact.id, visitorId, token };
}
