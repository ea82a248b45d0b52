import { beforeAll, describe, expect, it } from 'vitest';
import { createWidget } from '../../../core/commands/create-widget.ts';
import { AGENT_KEYS, BASE58_24, expectInvalid, expectStatus, NOT_ALLOWED, NOT_FOUND, type Person, usePeopleApi } from './people-kit.ts';

/** Chatwoot's inboxes and inbox members, as its clients call them. */

const { t, other, people, newPerson, cw, accountPath, idOnlyInOtherAccount } = usePeopleApi();

const INBOX_COMMON_KEYS = [
  'id', 'avatar_url', 'channel_id', 'name', 'channel_type', 'greeting_enabled', 'greeting_message', 'working_hours_enabled',
  'enable_email_collect', 'csat_survey_enabled', 'csat_response_visible', 'enable_auto_assignment', 'auto_assignment_config',
  'out_of_office_message', 'working_hours', 'timezone', 'callback_webhook_url', 'allow_messages_after_resolved',
  'lock_to_single_conversation', 'sender_name_type', 'business_name', 'widget_color', 'website_url', 'hmac_mandatory',
  'welcome_title', 'welcome_tagline', 'web_widget_script', 'website_token', 'selected_feature_flags', 'reply_time',
];

describe('inboxes', () => {
  const createApiInbox = async (name: string, channel: Record<string, unknown> = {}) => {
    const response = await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name, channel: { type: 'api', ...channel } } });
    expectStatus(response, 200);
    return response.json();
  };

  it('creates an API inbox with Chatwoot’s shape: identifier, HMAC token for administrators, webhook_url', async () => {
    const inbox = await createApiInbox('Api Support', { webhook_url: 'https://hooks.example.com/chatwoot' });
    expect(Object.keys(inbox)).toEqual([
      ...INBOX_COMMON_KEYS, 'messaging_service_sid', 'phone_number', 'hmac_token', 'secret', 'webhook_url', 'inbox_identifier', 'additional_attributes', 'provider',
    ]);
    expect(inbox).toEqual({
      id: expect.any(Number),
      avatar_url: '',
      channel_id: inbox.id,
      name: 'Api Support',
      channel_type: 'Channel::Api',
      greeting_enabled: false,
      greeting_message: null,
      working_hours_enabled: false,
      enable_email_collect: false,
      csat_survey_enabled: false,
      csat_response_visible: false,
      enable_auto_assignment: true,
      auto_assignment_config: {},
      out_of_office_message: null,
      working_hours: [],
      timezone: 'UTC',
      callback_webhook_url: null,
      allow_messages_after_resolved: true,
      lock_to_single_conversation: false,
      sender_name_type: 'friendly',
      business_name: null,
      widget_color: null,
      website_url: null,
      hmac_mandatory: false,
      welcome_title: null,
      welcome_tagline: null,
      web_widget_script: null,
      website_token: null,
      selected_feature_flags: null,
      reply_time: null,
      messaging_service_sid: null,
      phone_number: null,
      hmac_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      // What the callback's deliveries are signed with (X-Chatwoot-Signature), for administrators.
      secret: expect.stringMatching(/^\S{20,}$/),
      webhook_url: 'https://hooks.example.com/chatwoot',
      inbox_identifier: expect.stringMatching(BASE58_24),
      additional_attributes: {},
      provider: null,
    });
    const shown = await cw('GET', accountPath(`/inboxes/${inbox.id}`), { token: people.admin.token });
    expectStatus(shown, 200, inbox);
  });

  it('reads callback_url too, and hmac_mandatory as JSON or form text', async () => {
    const inbox = await createApiInbox('Callback', { callback_url: 'https://hooks.example.com/cb', hmac_mandatory: true });
    expect(inbox).toMatchObject({ webhook_url: 'https://hooks.example.com/cb', hmac_mandatory: true });
    const form = await cw('POST', accountPath('/inboxes'), {
      token: people.admin.token,
      form: 'name=Form+Inbox&channel[type]=api&channel[webhook_url]=https%3A%2F%2Fhooks.example.com%2Fform&channel[hmac_mandatory]=false',
    });
    expectStatus(form, 200);
    expect(form.json()).toMatchObject({ name: 'Form Inbox', webhook_url: 'https://hooks.example.com/form', hmac_mandatory: false, channel_type: 'Channel::Api' });
    const none = await createApiInbox('No callback', { webhook_url: '' });
    expect(none.webhook_url).toBeNull();
  });

  it('creates a web widget inbox', async () => {
    const response = await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'Website', channel: { type: 'web_widget', website_url: 'https://example.com' } } });
    expectStatus(response, 200);
    const inbox = response.json();
    expect(Object.keys(inbox)).toEqual([
      ...INBOX_COMMON_KEYS, 'pre_chat_form_enabled', 'pre_chat_form_options', 'continuity_via_email', 'messaging_service_sid', 'phone_number', 'provider',
    ]);
    expect(inbox).toMatchObject({ channel_type: 'Channel::WebWidget', website_token: expect.stringMatching(/^[0-9a-f-]{36}$/), hmac_mandatory: false });
  });

  it('refuses a loopback or private callback URL unless the target policy allows it', async () => {
    const refused = await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'Local', channel: { type: 'api', webhook_url: 'http://127.0.0.1:9/cb' } } });
    expectInvalid(refused, 'channel.webhook_url');
    expect(refused.json().message).toMatch(/public address/);
    const viaAlias = await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'Local', channel: { type: 'api', callback_url: 'http://localhost/cb' } } });
    expectInvalid(viaAlias, 'channel.callback_url');
    const { id } = await createApiInbox('Later local');
    expectInvalid(await cw('PATCH', accountPath(`/inboxes/${id}`), { token: people.admin.token, payload: { channel: { webhook_url: 'http://10.0.0.1/x' } } }), 'channel.webhook_url');
  });

  it('answers bad input with a 422 naming the field', async () => {
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { channel: { type: 'api' } } }), 'name');
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: '', channel: { type: 'api' } } }), 'name');
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'No channel' } }), 'channel');
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'Mail', channel: { type: 'email' } } }), 'channel.type');
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'X', channel: { type: 'api', webhook_url: 'not a url' } } }), 'channel.webhook_url');
    expectInvalid(await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'X', channel: { type: 'api', hmac_mandatory: 'yes' } } }), 'channel.hmac_mandatory');
  });

  it('lists inboxes sorted by name in a payload, with and without a trailing slash', async () => {
    await createApiInbox('aaa first');
    const list = await cw('GET', accountPath('/inboxes'), { token: people.admin.token });
    expectStatus(list, 200);
    const names = (list.json().payload as Array<{ name: string }>).map((i) => i.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toContain('aaa first');
    expect((await cw('GET', accountPath('/inboxes/'), { token: people.admin.token })).json()).toEqual(list.json());
  });

  it('updates the name, callback and HMAC switch (JSON and form)', async () => {
    const { id } = await createApiInbox('Before', { webhook_url: 'https://hooks.example.com/a' });
    const patched = await cw('PATCH', accountPath(`/inboxes/${id}`), {
      token: people.admin.token,
      payload: { name: 'After', channel: { callback_url: 'https://hooks.example.com/b', hmac_mandatory: 'true' } },
    });
    expectStatus(patched, 200);
    expect(patched.json()).toMatchObject({ id, name: 'After', webhook_url: 'https://hooks.example.com/b', hmac_mandatory: true });
    const form = await cw('PATCH', accountPath(`/inboxes/${id}/`), { token: people.admin.token, form: 'channel[webhook_url]=&channel[hmac_mandatory]=false' });
    expectStatus(form, 200);
    expect(form.json()).toMatchObject({ name: 'After', webhook_url: null, hmac_mandatory: false });
  });

  it('deletes an inbox; afterwards, and for unknown or another account’s ids, it is a 404', async () => {
    const { id } = await createApiInbox('Doomed');
    const deleted = await cw('DELETE', accountPath(`/inboxes/${id}`), { token: people.admin.token });
    expectStatus(deleted, 200);
    expect(deleted.body).toBe('');
    expectStatus(await cw('GET', accountPath(`/inboxes/${id}`), { token: people.admin.token }), 404, NOT_FOUND);
    expectStatus(await cw('PATCH', accountPath(`/inboxes/${id}`), { token: people.admin.token, payload: { name: 'x' } }), 404, NOT_FOUND);
    expectStatus(await cw('GET', accountPath('/inboxes/424242'), { token: people.admin.token }), 404, NOT_FOUND);
    expectStatus(await cw('GET', accountPath('/inboxes/nope'), { token: people.admin.token }), 404, NOT_FOUND);
    expectStatus(await cw('GET', accountPath('/inboxes/99999999999999'), { token: people.admin.token }), 404, NOT_FOUND);
    let foreign = await createWidget(t.core, other.organizationId, { name: 'Foreign' });
    const ours = ((await cw('GET', accountPath('/inboxes'), { token: people.admin.token })).json().payload as Array<{ id: number }>).map((i) => i.id);
    while (foreign.publicId <= Math.max(...ours)) foreign = await createWidget(t.core, other.organizationId, { name: 'Foreign' });
    expectStatus(await cw('GET', accountPath(`/inboxes/${foreign.publicId}`), { token: people.admin.token }), 404, NOT_FOUND);
    expectStatus(await cw('DELETE', accountPath(`/inboxes/${foreign.publicId}`), { token: people.admin.token }), 404, NOT_FOUND);
  });

  it('shows agents only the inboxes they are members of, without the HMAC token, and refuses them changes', async () => {
    const { id } = await createApiInbox('Team inbox');
    const hidden = await createApiInbox('Admins only');
    expectStatus(await cw('GET', accountPath(`/inboxes/${id}`), { token: people.agent.token }), 401, NOT_ALLOWED);
    expectStatus(await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: id, user_ids: [people.agent.user.publicId] } }), 200);
    const seen = await cw('GET', accountPath(`/inboxes/${id}`), { token: people.agent.token });
    expectStatus(seen, 200);
    expect(seen.json()).not.toHaveProperty('hmac_token');
    expect(seen.json()).not.toHaveProperty('secret');
    const listed = ((await cw('GET', accountPath('/inboxes'), { token: people.agent.token })).json().payload as Array<{ id: number }>).map((i) => i.id);
    expect(listed).toContain(id);
    expect(listed).not.toContain(hidden.id);
    expectStatus(await cw('POST', accountPath('/inboxes'), { token: people.agent.token, payload: { name: 'Mine', channel: { type: 'api' } } }), 401, NOT_ALLOWED);
    expectStatus(await cw('PATCH', accountPath(`/inboxes/${id}`), { token: people.agent.token, payload: { name: 'Mine' } }), 401, NOT_ALLOWED);
    expectStatus(await cw('DELETE', accountPath(`/inboxes/${id}`), { token: people.agent.token }), 401, NOT_ALLOWED);
    expectStatus(await cw('POST', accountPath('/inbox_members'), { token: people.agent.token, payload: { inbox_id: id, user_ids: [] } }), 401, NOT_ALLOWED);
  });
});

describe('inbox members', () => {
  let inboxId: number;
  let second: Person;
  const members = async () => {
    const response = await cw('GET', accountPath(`/inbox_members/${inboxId}`), { token: people.admin.token });
    expectStatus(response, 200);
    return (response.json().payload as Array<{ id: number }>).map((a) => a.id);
  };

  beforeAll(async () => {
    inboxId = (await cw('POST', accountPath('/inboxes'), { token: people.admin.token, payload: { name: 'Members', channel: { type: 'api' } } })).json().id;
    second = await newPerson('Second');
  });

  it('adds (POST), replaces (PATCH) and removes (DELETE) people, answering agents in a payload', async () => {
    expect(await members()).toEqual([]);
    const added = await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId, user_ids: [people.agent.user.publicId, second.user.publicId] } });
    expectStatus(added, 200);
    expect(Object.keys(added.json())).toEqual(['payload']);
    expect(Object.keys(added.json().payload[0])).toEqual(AGENT_KEYS);
    expect(added.json().payload.map((a: { id: number }) => a.id)).toEqual([people.agent.user.publicId, second.user.publicId]);
    // Adding someone already there changes nothing.
    await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId, user_ids: [people.agent.user.publicId] } });
    expect(await members()).toEqual([people.agent.user.publicId, second.user.publicId]);

    const replaced = await cw('PATCH', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: String(inboxId), user_ids: [people.admin.user.publicId, second.user.publicId] } });
    expectStatus(replaced, 200);
    expect(replaced.json().payload.map((a: { id: number }) => a.id)).toEqual([second.user.publicId, people.admin.user.publicId]);

    const removed = await cw('DELETE', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId, user_ids: [second.user.publicId] } });
    expectStatus(removed, 200);
    expect(removed.body).toBe('');
    expect(await members()).toEqual([people.admin.user.publicId]);
    expect((await cw('GET', accountPath(`/inbox_members/${inboxId}/`), { token: people.admin.token })).statusCode).toBe(200);
  });

  it('reads a form body with user_ids[]', async () => {
    const response = await cw('POST', accountPath('/inbox_members/'), { token: people.admin.token, form: `inbox_id=${inboxId}&user_ids[]=${people.agent.user.publicId}` });
    expectStatus(response, 200);
    expect(response.json().payload.map((a: { id: number }) => a.id)).toContain(people.agent.user.publicId);
  });

  it('refuses ids that name no agent of the account, and unknown inboxes', async () => {
    const foreign = await idOnlyInOtherAccount();
    expectInvalid(await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId, user_ids: [foreign] } }), 'user_ids');
    expectInvalid(await cw('PATCH', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId, user_ids: ['x'] } }), 'user_ids[0]');
    expectInvalid(await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: inboxId } }), 'user_ids');
    expectStatus(await cw('POST', accountPath('/inbox_members'), { token: people.admin.token, payload: { inbox_id: 777777, user_ids: [] } }), 404, NOT_FOUND);
    expectStatus(await cw('GET', accountPath('/inbox_members/777777'), { token: people.admin.token }), 404, NOT_FOUND);
    expectStatus(await cw('GET', accountPath(`/inbox_members/${inboxId}`), { token: second.token }), 401, NOT_ALLOWED);
  });
});
