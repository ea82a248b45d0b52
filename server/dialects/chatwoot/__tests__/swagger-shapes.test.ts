import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_RECEIVERS } from '../../../integrations/__tests__/webhook-test-kit.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { client, setUpAccount, type ChatwootAccount } from './b-account-kit.ts';

/**
 * Our answers against Chatwoot's swagger (swagger/definitions/resource/*.yml, 4.x): the field
 * names and JSON types of each resource, transcribed here as JSON schemas (the swagger itself is
 * not part of this project). A field is required when the swagger names it and Chatwoot's code
 * renders it; extra fields are allowed (our answers are a superset). Where the swagger and
 * Chatwoot's code disagree we follow the code, and say so next to the field (docs/chatwoot.md).
 * The swagger marks almost nothing nullable; where Chatwoot's code renders null until a value is
 * set, the field is nullable here, with a comment.
 */

type Schema = Record<string, unknown>;
const str: Schema = { type: 'string' };
const num: Schema = { type: 'number' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const obj: Schema = { type: 'object' };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
const oneOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
/** The swagger's type, or null: see each use for why. */
const orNull = (schema: Schema): Schema => ({ ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...(schema.enum as unknown[]), null] } : {}) });

/** An object whose listed fields must all be present (`optional` ones may be missing) and have these types. */
function shape(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return { type: 'object', properties, required: Object.keys(properties).filter((key) => !optional.includes(key)) };
}

// ---- contact_inbox / inbox_contact -------------------------------------------------------------
const inboxContact = shape({
  id: num,
  avatar_url: str,
  channel_id: num,
  name: str,
  channel_type: str,
  // contact_inbox.yml says nullable, inbox_contact.yml does not; `_inbox_slim` renders the channel's provider, null for API inboxes.
  provider: orNull(str),
});
const contactInbox = shape({ source_id: str, inbox: inboxContact });

// ---- contact (contact_list_item, the code's `_contact` partial) ---------------------------------
const contact = shape(
  {
    additional_attributes: obj,
    availability_status: oneOf('online', 'offline'),
    email: orNull(str),
    id: int,
    name: str,
    phone_number: orNull(str),
    blocked: bool,
    identifier: orNull(str),
    thumbnail: str,
    custom_attributes: obj,
    // The partial renders it only when set (`if resource.last_activity_at.present?`).
    last_activity_at: orNull(int),
    created_at: int,
    contact_inboxes: arrayOf(contactInbox),
  },
  ['last_activity_at'],
);
// contact_meta.yml says current_page is a string; the code gives the integer 1 without `page` and echoes `page` as a string otherwise.
const contactList = shape({ meta: shape({ count: int, current_page: { type: ['integer', 'string'] } }), payload: arrayOf(contact) });
const contactShow = shape({ payload: contact });
/**
 * The swagger answers POST /contacts with extended_contact (a `payload` array of contacts plus a
 * flat id and availability_status); the code answers `{payload:{contact, contact_inbox}}`, whose
 * contact_inbox.inbox is the raw Inbox row (fields not in the swagger), so only its presence is checked.
 */
const contactCreate = shape({ payload: shape({ contact, contact_inbox: shape({ inbox: orNull(obj), source_id: orNull(str) }) }) });

// ---- agent (agent.yml, the code's `_agent` partial) ---------------------------------------------
const agent = shape({
  id: int,
  account_id: int,
  // The swagger's enum says 'available'; the code's availability values are online, busy and offline.
  availability_status: oneOf('online', 'busy', 'offline'),
  auto_offline: bool,
  confirmed: bool,
  email: str,
  available_name: str,
  name: str,
  role: oneOf('agent', 'administrator'),
  thumbnail: str,
  // custom_role_id left out: an enterprise (custom roles) field, rendered only there.
});

// ---- message (message.yml, the code's `_message` partial) ---------------------------------------
/**
 * Left out, named by message.yml but not rendered by the `_message` partial: account_id, updated_at,
 * sender_type, sender_id, external_source_ids, additional_attributes, processed_message_content,
 * sentiment, conversation, attachment (the code renders `attachments`, an array).
 */
const message = shape(
  {
    id: num,
    // Null for a message that is only attachments (the model allows blank content).
    content: orNull(str),
    inbox_id: num,
    conversation_id: num,
    // message.yml lists 0-2, message_detailed.yml 0-3 (template): the code's enum has all four.
    message_type: { type: 'integer', enum: [0, 1, 2, 3] },
    created_at: int,
    private: bool,
    status: oneOf('sent', 'delivered', 'read', 'failed'),
    // message_detailed.yml says nullable: the code renders null for messages that did not come from a channel.
    source_id: orNull(str),
    content_type: oneOf('text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article', 'incoming_email', 'input_csat', 'integrations', 'sticker', 'voice_call'),
    content_attributes: obj,
    // Absent for activity messages (no sender).
    sender: obj,
  },
  ['sender'],
);

// ---- conversation (conversation.yml + extension/contact/conversation.yml meta) ------------------
/**
 * The code renders the last-seen times, first_reply_created_at and waiting_since with `.to_i` (0
 * until they happen), so they are plain numbers; priority and sla_policy_id are null until set, and
 * last_non_activity_message null without one. Left out: applied_sla and sla_events (enterprise only).
 */
const conversationMeta = shape(
  {
    // hmac_verified is the contact inbox's flag (null only without a contact inbox, which API conversations always have).
    sender: shape({ additional_attributes: obj, availability_status: str, email: orNull(str), id: num, name: orNull(str), phone_number: orNull(str), blocked: bool, identifier: orNull(str), thumbnail: str, custom_attributes: obj, last_activity_at: orNull(num), created_at: num }, ['last_activity_at']),
    channel: str,
    // The swagger points at `user` (the profile); the code renders the `_agent` partial, when assigned.
    assignee: agent,
    hmac_verified: bool,
  },
  ['assignee'],
);
const conversation = shape({
  id: num,
  messages: arrayOf(message),
  account_id: num,
  uuid: str,
  additional_attributes: obj,
  agent_last_seen_at: num,
  assignee_last_seen_at: num,
  can_reply: bool,
  contact_last_seen_at: num,
  custom_attributes: obj,
  inbox_id: num,
  labels: arrayOf(str),
  muted: bool,
  // snoozed_until left out: a number in the swagger, the raw time (an ISO string) or null in the code.
  // The swagger's enum omits snoozed, which the code has.
  status: oneOf('open', 'resolved', 'pending', 'snoozed'),
  created_at: num,
  updated_at: num,
  // timestamp left out: a string in the swagger, the last activity in unix seconds (an integer) in the code.
  first_reply_created_at: num,
  unread_count: num,
  // The newest message's push data (a superset of `message`), or null.
  last_non_activity_message: orNull(obj),
  last_activity_at: num,
  priority: orNull(str),
  waiting_since: num,
  sla_policy_id: orNull(num),
  meta: conversationMeta,
});
const conversationList = shape({
  data: shape({ meta: shape({ mine_count: num, unassigned_count: num, assigned_count: num, all_count: num }), payload: arrayOf(conversation) }),
});
/** GET …/messages. The last-seen times are date-time strings in the swagger and the code, or null (ours: always null). */
const messageList = shape({
  meta: shape(
    {
      labels: arrayOf(str),
      additional_attributes: obj,
      // The swagger points at `contact` (a list wrapper) and `agent`; the code renders the contact's and the user's push data.
      contact: shape({ id: num, name: str, type: oneOf('contact') }),
      assignee: shape({ id: num, name: str, type: oneOf('user') }),
      agent_last_seen_at: orNull(str),
      assignee_last_seen_at: orNull(str),
    },
    ['assignee'],
  ),
  payload: arrayOf(message),
});

// ---- inbox (inbox.yml, the code's `_inbox` partial) ---------------------------------------------
/**
 * Settings an API inbox does not have render null in the code (the swagger marks none nullable):
 * website_url, widget_color, website_token, web_widget_script, welcome_title, welcome_tagline,
 * greeting_message, out_of_office_message, callback_webhook_url, business_name, reply_time,
 * messaging_service_sid, phone_number, provider. Left out: `medium` (Twilio only);
 * `selected_feature_flags`, an object in the swagger but the web widget's flag list (an array) or
 * null in the code; working_hours' hours are null on closed days.
 */
const workingHours = shape({
  day_of_week: num,
  closed_all_day: bool,
  open_hour: orNull(num),
  open_minutes: orNull(num),
  close_hour: orNull(num),
  close_minutes: orNull(num),
  open_all_day: bool,
});
const inbox = shape({
  id: num,
  name: str,
  website_url: orNull(str),
  channel_type: str,
  avatar_url: str,
  widget_color: orNull(str),
  website_token: orNull(str),
  enable_auto_assignment: bool,
  web_widget_script: orNull(str),
  welcome_title: orNull(str),
  welcome_tagline: orNull(str),
  greeting_enabled: bool,
  greeting_message: orNull(str),
  channel_id: num,
  working_hours_enabled: bool,
  enable_email_collect: bool,
  csat_survey_enabled: bool,
  auto_assignment_config: obj,
  out_of_office_message: orNull(str),
  working_hours: arrayOf(workingHours),
  timezone: str,
  callback_webhook_url: orNull(str),
  allow_messages_after_resolved: bool,
  lock_to_single_conversation: bool,
  sender_name_type: str,
  business_name: orNull(str),
  hmac_mandatory: bool,
  reply_time: orNull(str),
  messaging_service_sid: orNull(str),
  phone_number: orNull(str),
  provider: orNull(str),
});
const inboxList = shape({ payload: arrayOf(inbox) });

// ---- webhook (webhook.yml, the code's `_webhook` partial) ---------------------------------------
const webhook = shape({
  id: num,
  url: str,
  // Optional in the code's model: null when the webhook was made without one.
  name: orNull(str),
  // The swagger's enum lists 8 events; the code's ALLOWED_WEBHOOK_EVENTS has 12 (inbox_*, typing on/off too).
  subscriptions: arrayOf(str),
  account_id: num,
});
// The swagger answers a bare webhook (create) and a bare array (index); the code wraps both in `payload`.
const webhookCreate = shape({ payload: shape({ webhook }) });
const webhookList = shape({ payload: shape({ webhooks: arrayOf(webhook) }) });

// ---- profile / signed-in user (user.yml, the code's `_user` partial) ----------------------------
/**
 * Left out: hmac_identifier (rendered only when the installation sets CHATWOOT_INBOX_HMAC_KEY), and
 * in accounts[] custom_role_id and custom_role (enterprise). inviter_id is null for users nobody
 * invited, and accounts[].active_at null until the first activity.
 */
const user = shape(
  {
    id: num,
    access_token: str,
    account_id: num,
    available_name: str,
    avatar_url: str,
    confirmed: bool,
    display_name: orNull(str),
    message_signature: orNull(str),
    email: str,
    inviter_id: orNull(num),
    name: str,
    provider: str,
    pubsub_token: str,
    role: oneOf('agent', 'administrator'),
    ui_settings: obj,
    uid: str,
    type: orNull(str),
    // The code renders it only when present.
    custom_attributes: obj,
    accounts: arrayOf(
      shape({
        id: num,
        name: str,
        status: str,
        active_at: orNull({ type: 'string', format: 'date-time' }),
        role: oneOf('administrator', 'agent'),
        permissions: arrayOf(str),
        availability: str,
        availability_status: str,
        auto_offline: bool,
      }),
    ),
  },
  ['custom_attributes'],
);

const ajv = addFormats.default(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));

/** Validates, and on failure names every wrong field with the value we sent. */
function expectShape(schema: AnySchema, value: unknown) {
  const validate = ajv.compile(schema);
  const valid = validate(value);
  expect(valid ? [] : validate.errors!.map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)).toEqual([]);
}

const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
let account: ChatwootAccount;
const call = client(
  () => t.app,
  () => account,
);

/** One answer of each kind, made through the real routes as a Chatwoot client makes them. */
const answers = {} as Record<
  'contactCreate' | 'contactShow' | 'contactList' | 'contactSearch' | 'contactInbox' | 'conversationCreate' | 'conversationShow' | 'conversationList' | 'incoming' | 'outgoing' | 'messageList' | 'inbox' | 'webInbox' | 'inboxList' | 'agents' | 'webhookCreate' | 'webhookList' | 'profile' | 'signIn',
  unknown
>;

async function ok(method: 'GET' | 'POST', path: string, options: Parameters<ReturnType<typeof client>>[2] = {}) {
  const { status, body } = await call(method, path, options);
  expect(status, `${method} ${path}: ${JSON.stringify(body)}`).toBe(200);
  return body as Record<string, unknown> & { payload: never; id: number };
}

beforeAll(async () => {
  account = await setUpAccount(t.core, tenant);
  answers.contactCreate = await ok('POST', '/contacts', {
    body: { inbox_id: account.apiInbox.publicId, name: 'Jane Doe', email: 'jane@example.com', phone_number: '+14155550100', identifier: 'crm-42', custom_attributes: { plan: 'pro' } },
  });
  const created = answers.contactCreate as { payload: { contact: { id: number }; contact_inbox: { source_id: string } } };
  const contactId = created.payload.contact.id;
  answers.contactInbox = await ok('POST', `/contacts/${contactId}/contact_inboxes`, { body: { inbox_id: account.webInbox.publicId } });
  answers.contactShow = await ok('GET', `/contacts/${contactId}`);
  answers.contactList = await ok('GET', '/contacts');
  answers.contactSearch = await ok('GET', '/contacts/search?q=jane&page=1');

  answers.conversationCreate = await ok('POST', '/conversations', { body: { source_id: created.payload.contact_inbox.source_id, inbox_id: account.apiInbox.publicId } });
  const conversationId = (answers.conversationCreate as { id: number }).id;
  answers.incoming = await ok('POST', `/conversations/${conversationId}/messages`, { body: { content: 'My order is late', message_type: 'incoming' } });
  answers.outgoing = await ok('POST', `/conversations/${conversationId}/messages`, { token: account.agentToken, body: { content: 'On it', echo_id: 'e-1' } });
  answers.conversationShow = await ok('GET', `/conversations/${conversationId}`);
  answers.conversationList = await ok('GET', '/conversations?status=all&assignee_type=all');
  answers.messageList = await ok('GET', `/conversations/${conversationId}/messages`);

  answers.inbox = await ok('GET', `/inboxes/${account.apiInbox.publicId}`);
  answers.webInbox = await ok('GET', `/inboxes/${account.webInbox.publicId}`);
  answers.inboxList = await ok('GET', '/inboxes');
  answers.agents = await ok('GET', '/agents');
  answers.webhookCreate = await ok('POST', '/webhooks', { body: { webhook: { url: 'http://127.0.0.1:9/hook', name: 'CRM', subscriptions: ['message_created', 'conversation_created'] } } });
  answers.webhookList = await ok('GET', '/webhooks');

  const profile = await t.app.inject({ method: 'GET', url: '/api/v1/profile', headers: { api_access_token: account.adminToken } });
  expect(profile.statusCode, profile.body).toBe(200);
  answers.profile = profile.json();
  const signIn = await t.app.inject({ method: 'POST', url: '/auth/sign_in', payload: { email: tenant.adminEmail, password: tenant.adminPassword } });
  expect(signIn.statusCode, signIn.body).toBe(200);
  answers.signIn = (signIn.json() as { data: unknown }).data;
});

describe('Chatwoot answers match the swagger (where it agrees with Chatwoot code)', () => {
  it('contact: create payload, show, list and search', () => {
    expectShape(contactCreate, answers.contactCreate);
    expectShape(contactShow, answers.contactShow);
    expectShape(contactList, answers.contactList);
    expectShape(contactList, answers.contactSearch);
    expectShape(contactInbox, answers.contactInbox);
    // The lists are not vacuous: the contact is in them, with both its inboxes.
    expect((answers.contactList as { payload: unknown[] }).payload).toHaveLength(1);
    expect((answers.contactShow as { payload: { contact_inboxes: unknown[] } }).payload.contact_inboxes).toHaveLength(2);
  });

  it('conversation: create, show and list (with meta counts)', () => {
    // The swagger answers create with {id, account_id, inbox_id}; the code with the whole conversation, which has them.
    expectShape(conversation, answers.conversationCreate);
    expectShape(conversation, answers.conversationShow);
    expectShape(conversationList, answers.conversationList);
    expect((answers.conversationList as { data: { payload: unknown[] } }).data.payload).toHaveLength(1);
    expect((answers.conversationShow as { meta: { assignee?: unknown } }).meta.assignee).toBeDefined();
  });

  it('message: incoming and outgoing, and the conversation’s message list', () => {
    expectShape(message, answers.incoming);
    expectShape(message, answers.outgoing);
    expectShape(messageList, answers.messageList);
    expect((answers.messageList as { payload: Array<{ message_type: number }> }).payload.map((m) => m.message_type).filter((type) => type !== 2)).toEqual([0, 1]);
  });

  it('inbox: an API inbox, a web widget inbox, and the list', () => {
    expectShape(inbox, answers.inbox);
    expectShape(inbox, answers.webInbox);
    expectShape(inboxList, answers.inboxList);
  });

  it('agent list', () => {
    expectShape(arrayOf(agent), answers.agents);
    expect(answers.agents).toHaveLength(2);
  });

  it('webhook: create and list', () => {
    expectShape(webhookCreate, answers.webhookCreate);
    expectShape(webhookList, answers.webhookList);
    expect((answers.webhookList as { payload: { webhooks: unknown[] } }).payload.webhooks).toHaveLength(1);
  });

  it('the schemas are not vacuous: a webhook-style message (string type, ISO time) and a wrapped agent list fail', () => {
    const webhookStyle = { ...(answers.outgoing as object), message_type: 'outgoing', created_at: new Date().toISOString() };
    expect(ajv.validate(message, webhookStyle)).toBe(false);
    expect(ajv.validate(arrayOf(agent), { payload: answers.agents })).toBe(false);
  });

  it('profile and the signed-in user', () => {
    expectShape(user, answers.profile);
    expectShape(user, answers.signIn);
  });
});
