import { expect, it } from 'vitest';
import { findContact } from '../../db/repositories/contacts.ts';
import { insertConversation } from '../../db/repositories/conversations.ts';
import { contacts } from '../../db/schema/index.ts';
import { createWidgetWith } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { pruneAnonymousContacts } from '../anonymous-contact-retention.ts';

const { t, tenant } = useTestApp({ tenants: 1 });
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

type NewContact = typeof contacts.$inferInsert;

async function insertContact(values: Omit<NewContact, 'organizationId'>): Promise<string> {
  const [row] = await t.core.db
    .insert(contacts)
    .values({ organizationId: tenant.organizationId, ...values })
    .returning({ id: contacts.id });
  return row!.id;
}

it('deletes anonymous contacts with no chat and nothing told once older than the retention period, in batches, and keeps every other', async () => {
  const old = daysAgo(31);
  const widget = await createWidgetWith(t.core, tenant.organizationId, []);
  const empty = await insertContact({ visitorId: 'empty', createdAt: old });
  const kept = {
    recent: await insertContact({ visitorId: 'recent', createdAt: daysAgo(29) }),
    seenLately: await insertContact({ visitorId: 'seen', createdAt: old, lastSeenAt: daysAgo(2) }),
    named: await insertContact({ visitorId: 'named', createdAt: old, name: 'Vera' }),
    withEmail: await insertContact({ visitorId: 'email', createdAt: old, email: 'vera@example.com' }),
    withPhone: await insertContact({ visitorId: 'phone', createdAt: old, phone: '+49 30 1234' }),
    withAttributes: await insertContact({ visitorId: 'attributes', createdAt: old, customAttributes: { plan: 'pro' } }),
    chatted: await insertContact({ visitorId: 'chatted', createdAt: old }),
  };
  await insertConversation(t.core.db, { organizationId: tenant.organizationId, widgetId: widget.id, contactId: kept.chatted, status: 'closed' });
  // More than one delete statement's worth, like the orphans every socket used to leave behind.
  const orphans = Array.from({ length: 1_200 }, (_, i) => ({ organizationId: tenant.organizationId, visitorId: `orphan-${i}`, createdAt: old }));
  await t.core.db.insert(contacts).values(orphans);

  expect(await pruneAnonymousContacts(t.core, 30)).toBe(1 + orphans.length);

  expect(await findContact(t.core.db, tenant.organizationId, empty)).toBeUndefined();
  for (const id of Object.values(kept)) expect(await findContact(t.core.db, tenant.organizationId, id)).toBeDefined();
  const left = (await t.core.db.select({ visitorId: contacts.visitorId }).from(contacts)).map((row) => row.visitorId);
  expect(left.filter((visitorId) => visitorId?.startsWith('orphan-'))).toEqual([]);
  expect(await pruneAnonymousContacts(t.core, 30)).toBe(0);
});
