import { beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '../../../core/commands/start-conversation.ts';
import { type ChatwootAccount, expectUnixSeconds, NOT_FOUND, useChatwootAccounts } from './b-account-kit.ts';

const { t, tenant, accounts, call } = useChatwootAccounts();
let account: ChatwootAccount;
let otherAccount: ChatwootAccount;
beforeAll(() => ({ account, other: otherAccount } = accounts));

const CONTACT_KEYS = [
  'additional_attributes',
  'availability_status',
  'blocked',
  'contact_inboxes',
  'created_at',
  'custom_attributes',
  'email',
  'id',
  'identifier',
  'name',
  'phone_number',
  'thumbnail',
];

describe('POST /contacts', () => {
  it('creates a contact with its API inbox session: the wrapped payload, a UUID source_id, integer ids and times', async () => {
    const { status, body } = await call('POST', '/contacts', {
      body: { inbox_id: account.apiInbox.publicId, name: 'Ada Lovelace', email: 'ada@example.com', phone_number: '+14155550100', identifier: 'crm-1', custom_attributes: { plan: 'pro' } },
    });
    expect(status).toBe(200);
    const { contact, contact_inbox: contactInbox } = body.payload;
    expect(Object.keys(contact).sort()).toEqual(CONTACT_KEYS);
    expect(contact).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone_number: '+14155550100',
      identifier: 'crm-1',
      custom_attributes: { plan: 'pro' },
      additional_attributes: {},
      availability_status: 'offline',
      blocked: false,
      thumbnail: '',
    });
    expect(Number.isInteger(contact.id)).toBe(true);
    expectUnixSeconds(contact.created_at);
    expect(contactInbox.source_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(contactInbox.inbox).toMatchObject({ id: account.apiInbox.publicId, name: 'API inbox', channel_type: 'Channel::Api', account_id: account.accountId });
    expect(contact.contact_inboxes).toEqual([
      {
        source_id: contactInbox.source_id,
        inbox: { id: account.apiInbox.publicId, avatar_url: '', channel_id: account.apiInbox.publicId, name: 'API inbox', channel_type: 'Channel::Api', provider: null },
      },
    ]);
  });

  it('keeps a given source_id, and refuses it in the same inbox again (422, Chatwoot record error shape)', async () => {
    const first = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: 'Given', source_id: 'my-session-1' } });
    expect(first.body.payload.contact_inbox.source_id).toBe('my-session-1');
    const again = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: 'Again', source_id: 'my-session-1' } });
    expect(again).toEqual({ status: 422, body: { message: 'Source has already been taken', attributes: ['source_id'] } });
  });

  it('without inbox_id: no session, contact_inbox nulls', async () => {
    const { status, body } = await call('POST', '/contacts', { body: { name: 'No inbox', email: 'noinbox@example.com' } });
    expect(status).toBe(200);
    expect(body.payload.contact.contact_inboxes).toEqual([]);
    expect(body.payload.contact_inbox).toEqual({ inbox: null, source_id: null });
  });

  it('accepts urlencoded bodies with Rails brackets, and custom_attributes as a JSON string', async () => {
    const form = await call('POST', '/contacts', {
      raw: { payload: `name=Form&email=form%40example.com&inbox_id=${account.apiInbox.publicId}&custom_attributes[tier]=gold`, contentType: 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(200);
    expect(form.body.payload.contact).toMatchObject({ name: 'Form', email: 'form@example.com', custom_attributes: { tier: 'gold' } });
    const json = await call('POST', '/contacts', { body: { name: 'Json string', email: 'js@example.com', custom_attributes: '{"a":1}' } });
    expect(json.body.payload.contact.custom_attributes).toEqual({ a: 1 });
  });

  it('refuses bad input with 422 in Chatwoot shapes', async () => {
    expect(await call('POST', '/contacts', { body: { name: 'x', email: 'not-an-email' } })).toEqual({
      status: 422,
      body: { message: 'email must be a valid e-mail address', attributes: ['email'] },
    });
    expect(await call('POST', '/contacts', { body: { name: 'x', phone_number: '0123' } })).toEqual({
      status: 422,
      body: { message: 'Phone number should be in e164 format', attributes: ['phone_number'] },
    });
    await call('POST', '/contacts', { body: { name: 'Taken', email: 'taken@example.com' } });
    expect(await call('POST', '/contacts', { body: { name: 'Dup', email: 'TAKEN@example.com' } })).toEqual({
      status: 422,
      body: { message: 'email has already been taken', attributes: ['email'] },
    });
    const wrongType = await call('POST', '/contacts', { body: { name: 'x', custom_attributes: [1] } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.attributes).toEqual(['custom_attributes']);
  });

  it("404s for another account's inbox and unknown inboxes", async () => {
    expect(await call('POST', '/contacts', { body: { name: 'x', inbox_id: 999_999 } })).toEqual(NOT_FOUND);
    // The other account's inbox id may coincide with one of ours: use an id only it has.
    const theirs = otherAccount.webInbox.publicId + 100;
    expect(await call('POST', '/contacts', { body: { name: 'x', inbox_id: theirs } })).toEqual(NOT_FOUND);
  });
});

describe('reading contacts', () => {
  let id: number;
  beforeAll(async () => {
    const { body } = await call('POST', '/contacts', { body: { name: 'Zed Reader', email: 'zed@example.com', identifier: 'reader-1', additional_attributes: { company_name: 'Acme' } } });
    id = body.payload.contact.id;
  });

  it('GET /contacts/:id answers {payload: contact}', async () => {
    const { status, body } = await call('GET', `/contacts/${id}`);
    expect(status).toBe(200);
    expect(body.payload).toMatchObject({ id, name: 'Zed Reader', email: 'zed@example.com', identifier: 'reader-1', contact_inboxes: [] });
  });

  it('GET /contacts lists only identified contacts, 15 a page, with meta; sort with a - prefix', async () => {
    await startConversation(t.core, tenant.organizationId, { widgetId: account.webInbox.id, message: 'anonymous visitor' });
    const { status, body } = await call('GET', '/contacts?sort=-name');
    expect(status).toBe(200);
    expect(body.meta).toEqual({ count: expect.any(Number), current_page: 1 });
    const names: string[] = body.payload.map((c: { name: string }) => c.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    expect(body.payload.every((c: { email: string | null; phone_number: string | null; identifier: string | null }) => c.email ?? c.phone_number ?? c.identifier)).toBe(true);
    expect(body.payload.length).toBeLessThanOrEqual(15);
    const paged = await call('GET', '/contacts?page=2');
    expect(paged.body.meta.current_page).toBe('2');
  });

  it('GET /contacts/search needs q, and matches name, e-mail, identifier and company', async () => {
    expect(await call('GET', '/contacts/search')).toEqual({ status: 422, body: { error: 'Specify search string with parameter q' } });
    expect(await call('GET', '/contacts/search?q=%20')).toEqual({ status: 422, body: { error: 'Specify search string with parameter q' } });
    for (const q of ['zed r', 'ZED@EXAMPLE', 'reader-1', 'acme']) {
      const { body } = await call('GET', `/contacts/search?q=${encodeURIComponent(q)}`);
      expect(body.payload.map((c: { id: number }) => c.id)).toEqual([id]);
      expect(body.meta.count).toBe(1);
    }
  });

  it('POST /contacts/filter supports equal_to and contains, joined by query_operator', async () => {
    const { status, body } = await call('POST', '/contacts/filter', {
      body: {
        payload: [
          { attribute_key: 'email', filter_operator: 'equal_to', values: ['zed@example.com'], query_operator: 'OR' },
          { attribute_key: 'name', filter_operator: 'contains', values: ['lovelace'], query_operator: null },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.payload.map((c: { name: string }) => c.name).sort()).toEqual(['Ada Lovelace', 'Zed Reader']);
    const bad = await call('POST', '/contacts/filter', { body: { payload: [{ attribute_key: 'shoe_size', filter_operator: 'equal_to', values: ['9'] }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.attributes).toEqual(['payload[0].attribute_key']);
  });

  it('404s unknown, malformed and other accounts\' contact ids', async () => {
    expect(await call('GET', '/contacts/999999')).toEqual(NOT_FOUND);
    expect(await call('GET', '/contacts/abc')).toEqual(NOT_FOUND);
    expect(await call('GET', `/contacts/${id}`, { token: otherAccount.adminToken, accountId: otherAccount.accountId })).toEqual(NOT_FOUND);
  });

  it('401s without a token, with a wrong one, and for another account', async () => {
    expect((await call('GET', '/contacts', { token: null })).status).toBe(401);
    expect(await call('GET', '/contacts', { token: 'sbt_wrong' })).toEqual({ status: 401, body: { error: 'Invalid Access Token' } });
    expect((await call('GET', '/contacts', { accountId: otherAccount.accountId })).status).toBe(401);
  });
});

describe('changing contacts', () => {
  it('PUT and PATCH merge custom and additional attributes and replace other fields', async () => {
    const { body } = await call('POST', '/contacts', { body: { name: 'Mergeable', email: 'merge@example.com', custom_attributes: { a: 1, b: 2 } } });
    const id = body.payload.contact.id;
    const put = await call('PUT', `/contacts/${id}`, { body: { name: 'Merged', custom_attributes: { b: 3, c: 4 } } });
    expect(put.status).toBe(200);
    expect(put.body.payload).toMatchObject({ id, name: 'Merged', email: 'merge@example.com', custom_attributes: { a: 1, b: 3, c: 4 } });
    const patch = await call('PATCH', `/contacts/${id}`, { body: { additional_attributes: { city: 'Paris' }, email: null } });
    expect(patch.body.payload).toMatchObject({ email: null, additional_attributes: { city: 'Paris' }, custom_attributes: { a: 1, b: 3, c: 4 } });
  });

  it('DELETE removes a contact without conversations (200, empty), then it is 404', async () => {
    const { body } = await call('POST', '/contacts', { body: { name: 'Doomed', email: 'doomed@example.com', inbox_id: account.apiInbox.publicId } });
    const id = body.payload.contact.id;
    expect(await call('DELETE', `/contacts/${id}`)).toEqual({ status: 200, body: undefined });
    expect(await call('GET', `/contacts/${id}`)).toEqual(NOT_FOUND);
  });

  it('contact_inboxes opens another session; contactable_inboxes lists every inbox with a source_id', async () => {
    const { body } = await call('POST', '/contacts', { body: { name: 'Two inboxes', email: 'two@example.com' } });
    const id = body.payload.contact.id;
    const created = await call('POST', `/contacts/${id}/contact_inboxes`, { body: { inbox_id: account.apiInbox.publicId, source_id: 'two-1' } });
    expect(created).toEqual({
      status: 200,
      body: { source_id: 'two-1', inbox: { id: account.apiInbox.publicId, avatar_url: '', channel_id: account.apiInbox.publicId, name: 'API inbox', channel_type: 'Channel::Api', provider: null } },
    });
    expect((await call('POST', `/contacts/${id}/contact_inboxes`, { body: {} })).status).toBe(422);
    expect(await call('POST', `/contacts/${id}/contact_inboxes`, { body: { inbox_id: 424242 } })).toEqual(NOT_FOUND);
    const contactable = await call('GET', `/contacts/${id}/contactable_inboxes`);
    expect(contactable.status).toBe(200);
    const api = contactable.body.payload.find((entry: { inbox: { id: number } }) => entry.inbox.id === account.apiInbox.publicId);
    expect(api.source_id).toBe('two-1');
    const web = contactable.body.payload.find((entry: { inbox: { id: number } }) => entry.inbox.id === account.webInbox.publicId);
    expect(web.inbox.channel_type).toBe('Channel::WebWidget');
  });
});
