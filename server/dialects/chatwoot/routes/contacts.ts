import { randomUUID } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import {
  type ContactCondition,
  type ContactFields,
  type ContactRecord,
  type ContactSortKey,
  type Core,
  createContact,
  deleteContact,
  type DialectOptions,
  editContact,
  findExternalReference,
  getContactByPublicId,
  getWidgetByPublicId,
  invalid,
  listConversationEntries,
  listContacts,
  notFound,
  type Organization,
  rememberExternalReference,
  type Widget,
} from '../../kit.ts';
import { sessionOf } from '../auth.ts';
import { badParameter, objectParam, pageOf, readRailsBodies } from '../body.ts';
import { IntegerId } from '../params.ts';
import { CHATWOOT, loadContactInboxes, loadConversationsData, loadDirectory, SOURCE_ID, type Directory } from '../loaders.ts';
import { presentContact, presentContactInbox, presentInboxRow } from '../presenters/contact.ts';
import { presentConversation } from '../presenters/conversation.ts';

/** Chatwoot's contacts API (research/chatwoot.md §2.2): list, search, filter, CRUD, the contact's conversations and inboxes. */

const PER_PAGE = 15;

const IdParams = Type.Object({ id: Type.String() });
const ListQuery = Type.Object({ page: Type.Optional(Type.Integer()), sort: Type.Optional(Type.String()), q: Type.Optional(Type.String()) });
const Text = Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()]));
const ContactBody = Type.Object({
  name: Text,
  email: Text,
  phone_number: Text,
  identifier: Text,
  custom_attributes: Type.Optional(Type.Unknown()),
  additional_attributes: Type.Optional(Type.Unknown()),
  inbox_id: Type.Optional(IntegerId),
  source_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
});
type ContactBody = Static<typeof ContactBody>;
const ContactInboxBody = Type.Object({ inbox_id: IntegerId, source_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) });
const FilterBody = Type.Object({
  payload: Type.Array(
    Type.Object({
      attribute_key: Type.String(),
      filter_operator: Type.String(),
      values: Type.Union([Type.Array(Type.Union([Type.String(), Type.Number()])), Type.String()]),
      query_operator: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
    { minItems: 1 },
  ),
});

const SORT_KEYS: Record<string, ContactSortKey> = {
  name: 'name',
  email: 'email',
  phone_number: 'phone',
  last_activity_at: 'lastSeenAt',
  created_at: 'createdAt',
  company: 'company',
  city: 'city',
  country: 'country',
};

/** `sort=name` or `sort=-name` (descending); an unknown key keeps the default order, as Chatwoot's scope ignores it. */
function sortOf(sort: string | undefined) {
  if (!sort) return undefined;
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[descending ? sort.slice(1) : sort];
  return key && { key, descending };
}

const FILTER_FIELDS: Record<string, ContactCondition['field']> = { name: 'name', email: 'email', phone_number: 'phone', identifier: 'identifier' };
const FILTER_OPERATORS = new Set<ContactCondition['operator']>(['equal_to', 'not_equal_to', 'contains', 'does_not_contain']);

/** Chatwoot's filter payload: each condition's `query_operator` joins it to the next one. */
function conditionsOf(payload: Static<typeof FilterBody>['payload']): ContactCondition[] {
  return payload.map((condition, index) => {
    const field = FILTER_FIELDS[condition.attribute_key];
    if (!field) throw invalid(`payload[${index}].attribute_key`, `payload[${index}].attribute_key must be one of ${Object.keys(FILTER_FIELDS).join(', ')}`);
    const operator = condition.filter_operator as ContactCondition['operator'];
    if (!FILTER_OPERATORS.has(operator)) throw invalid(`payload[${index}].filter_operator`, `payload[${index}].filter_operator must be one of ${[...FILTER_OPERATORS].join(', ')}`);
    const previous = payload[index - 1]?.query_operator?.toLowerCase();
    return { field, operator, values: [condition.values].flat().map(String), join: previous === 'or' ? 'or' : 'and' };
  });
}

/** Chatwoot checks phone numbers as E.164. */
const E164 = /^\+[1-9]\d{1,14}$/;

function contactFields(body: ContactBody): ContactFields {
  if (body.phone_number && !E164.test(body.phone_number)) throw invalid('phone_number', 'Phone number should be in e164 format');
  const customAttributes = objectParam('custom_attributes', body.custom_attributes);
  const additionalAttributes = objectParam('additional_attributes', body.additional_attributes);
  return {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.email !== undefined && { email: body.email }),
    ...(body.phone_number !== undefined && { phone: body.phone_number }),
    ...(body.identifier !== undefined && { identifier: body.identifier }),
    ...(customAttributes && { customAttributes }),
    ...(additionalAttributes && { additionalAttributes }),
  };
}

/** A contact of the account by its integer id in the URL; anything else is Chatwoot's 404. */
export async function findContactOr404(core: Core, organizationId: string, id: string): Promise<ContactRecord> {
  const contact = /^\d{1,10}$/.test(id) ? await getContactByPublicId(core, organizationId, Number(id)) : undefined;
  if (!contact) throw notFound('contact not found');
  return contact;
}

export async function findInboxOr404(core: Core, organizationId: string, inboxId: number | string): Promise<Widget> {
  const inbox = await getWidgetByPublicId(core, organizationId, inboxId);
  if (!inbox) throw notFound('inbox not found');
  return inbox;
}

/** Opens the contact's session in an inbox under `sourceId` (a new UUID when none is given); a source_id already in use there is a 422. */
async function openContactInbox(core: Core, contact: ContactRecord, inbox: Widget, sourceId: string = randomUUID()) {
  const key = { dialect: CHATWOOT, kind: SOURCE_ID, scope: inbox.id, value: sourceId };
  const taken = await findExternalReference(core, contact.organizationId, key);
  if (taken && taken.entityId !== contact.id) throw invalid('source_id', 'Source has already been taken');
  await rememberExternalReference(core, contact.organizationId, key, contact.id);
  return { sourceId, inbox };
}

async function presentWithInboxes(core: Core, contact: ContactRecord, directory: Directory) {
  return presentContact(contact, await loadContactInboxes(core, contact, directory));
}

async function presentPage(core: Core, account: Organization, contacts: ContactRecord[], total: number, page: number | undefined) {
  const directory = await loadDirectory(core, account.id);
  return {
    // Chatwoot echoes the page parameter as given (a string), or the integer 1 when none was sent.
    meta: { count: total, current_page: page === undefined ? 1 : String(page) },
    payload: await Promise.all(contacts.map((contact) => presentWithInboxes(core, contact, directory))),
  };
}

export const contactRoutes: FastifyPluginAsyncTypebox<DialectOptions> = async (app, { core, config }) => {
  readRailsBodies(app);

  app.get('/contacts', { schema: { querystring: ListQuery } }, async (request) => {
    const { account } = sessionOf(request);
    const { page, sort } = request.query;
    const { contacts, total } = await listContacts(core, account.id, { identifiedOnly: true, sort: sortOf(sort), page: pageOf(page), perPage: PER_PAGE });
    return presentPage(core, account, contacts, total, page);
  });

  app.get('/contacts/search', { schema: { querystring: ListQuery } }, async (request) => {
    const { account } = sessionOf(request);
    const { page, sort, q } = request.query;
    if (!q?.trim()) throw badParameter('Specify search string with parameter q');
    const { contacts, total } = await listContacts(core, account.id, { identifiedOnly: true, search: q.trim(), sort: sortOf(sort), page: pageOf(page), perPage: PER_PAGE });
    return presentPage(core, account, contacts, total, page);
  });

  app.post('/contacts/filter', { schema: { querystring: ListQuery, body: FilterBody } }, async (request) => {
    const { account } = sessionOf(request);
    const { page, sort } = request.query;
    const conditions = conditionsOf(request.body.payload);
    const { contacts, total } = await listContacts(core, account.id, { identifiedOnly: false, conditions, sort: sortOf(sort), page: pageOf(page), perPage: PER_PAGE });
    return presentPage(core, account, contacts, total, page);
  });

  app.post('/contacts', { schema: { body: ContactBody } }, async (request) => {
    const { account } = sessionOf(request);
    const { inbox_id: inboxId, source_id: sourceId } = request.body;
    const fields = contactFields(request.body);
    const inbox = inboxId === undefined ? undefined : await findInboxOr404(core, account.id, inboxId);
    if (inbox && sourceId && (await findExternalReference(core, account.id, { dialect: CHATWOOT, kind: SOURCE_ID, scope: inbox.id, value: sourceId }))) {
      throw invalid('source_id', 'Source has already been taken');
    }
    const contact = await createContact(core, account.id, fields);
    const session = inbox && (await openContactInbox(core, contact, inbox, sourceId));
    return {
      payload: {
        contact: presentContact(contact, session ? [session] : []),
        contact_inbox: { inbox: session ? presentInboxRow(session.inbox, account) : null, source_id: session?.sourceId ?? null },
      },
    };
  });

  app.get('/contacts/:id', { schema: { params: IdParams } }, async (request) => {
    const { account } = sessionOf(request);
    const contact = await findContactOr404(core, account.id, request.params.id);
    return { payload: await presentWithInboxes(core, contact, await loadDirectory(core, account.id)) };
  });

  for (const method of ['PUT', 'PATCH'] as const) {
    app.route({
      method,
      url: '/contacts/:id',
      schema: { params: IdParams, body: ContactBody },
      handler: async (request) => {
        const { account } = sessionOf(request);
        const contact = await findContactOr404(core, account.id, request.params.id);
        const updated = await editContact(core, account.id, contact.id, contactFields(request.body));
        return { payload: await presentWithInboxes(core, updated, await loadDirectory(core, account.id)) };
      },
    });
  }

  app.delete('/contacts/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { account } = sessionOf(request);
    const contact = await findContactOr404(core, account.id, request.params.id);
    await deleteContact(core, account.id, contact.id);
    return reply.code(200).send();
  });

  app.get('/contacts/:id/conversations', { schema: { params: IdParams } }, async (request) => {
    const { user, account } = sessionOf(request);
    const contact = await findContactOr404(core, account.id, request.params.id);
    const { entries } = await listConversationEntries(core, account.id, { filter: { contactId: contact.id }, scope: { kind: 'all' }, page: 1, perPage: 100, userId: user.id });
    return { payload: (await loadConversationsData(core, account, entries, config.publicUrl)).map(presentConversation) };
  });

  app.post('/contacts/:id/contact_inboxes', { schema: { params: IdParams, body: ContactInboxBody } }, async (request) => {
    const { account } = sessionOf(request);
    const contact = await findContactOr404(core, account.id, request.params.id);
    const inbox = await findInboxOr404(core, account.id, request.body.inbox_id);
    return presentContactInbox(await openContactInbox(core, contact, inbox, request.body.source_id));
  });

  app.get('/contacts/:id/contactable_inboxes', { schema: { params: IdParams } }, async (request) => {
    const { account } = sessionOf(request);
    const contact = await findContactOr404(core, account.id, request.params.id);
    const directory = await loadDirectory(core, account.id);
    const sessions = await loadContactInboxes(core, contact, directory);
    // Chatwoot offers every inbox the contact can be reached in, with the session it has there or a fresh source_id to open one.
    const payload = [...directory.inboxes.values()]
      .sort((a, b) => a.publicId - b.publicId)
      .map((inbox) => ({ source_id: sessions.find((session) => session.inbox.id === inbox.id)?.sourceId ?? randomUUID(), inbox: presentInboxRow(inbox, account) }));
    return { payload };
  });
};
