import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeConversation } from '../../../core/commands/close-conversation.ts';
import { labelConversation } from '../../../core/commands/label-conversation.ts';
import { postAgentMessage } from '../../../core/commands/post-message.ts';
import { setAgentPresence } from '../../../core/commands/set-agent-presence.ts';
import { startConversation } from '../../../core/commands/start-conversation.ts';
import { transferConversation } from '../../../core/commands/transfer-conversation.ts';
import { rateConversation } from '../../../core/commands/visitor-activity.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { bearer, call } from '../../../http/routes/native/__tests__/native-test-kit.ts';
import { startReceiver, type TestReceiver } from '../../../integrations/__tests__/receiver.ts';
import { startSmtpSink, type SmtpSink } from '../../../integrations/__tests__/smtp-sink.ts';
import { LOCAL_RECEIVERS, subscribe, useWebhookDelivery } from '../../../integrations/__tests__/webhook-test-kit.ts';
import { createAgent, createWidgetWith } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';

/** The keys of the reference's samples (snapengage-developer-api.txt), to compare field sets with. */
const AGENT_STATUS_SAMPLE = ['org', 'agent_id', 'status', 'sub_status', 'timestamp'];
const CONVERSATION_EVENT_SAMPLE = ['widget_id', 'widget_name', 'case_id', 'agent_id', 'agent_email', 'agent_alias', 'event', 'timestamp', 'label', 'survey_score', 'survey_comment'];
const CASE_SAMPLE = [
  'id', 'widget_id', 'url', 'type', 'requested_by', 'requester_details', 'description', 'created_at_date', 'created_at_seconds',
  'created_at_milliseconds', 'proactive_chat', 'page_url', 'referrer_url', 'entry_url', 'ip_address', 'user_agent', 'browser', 'os',
  'country_code', 'country', 'region', 'city', 'latitude', 'longitude', 'source_id', 'chat_waittime', 'chat_duration', 'chat_ended_by',
  'language_code', 'transcripts', 'javascript_variables', 'operator_variables', 'labels',
];
const TRANSCRIPT_SAMPLE = ['id', 'date', 'date_seconds', 'date_milliseconds', 'alias', 'message', 'translations', 'sender'];
/** "MMM d, yyyy h:mm:ss a", e.g. "Oct 3, 2014 2:14:31 PM". */
const INTEGRATION_DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)$/;

const { t, tenant } = useTestApp({ tenants: 1, env: LOCAL_RECEIVERS });
const startDelivery = useWebhookDelivery(t, LOCAL_RECEIVERS);
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
afterEach(async () => {
  const { json } = await call(t.app, 'GET', '/webhooks', { credentials: bearer(tenant.apiKey) });
  for (const webhook of json().webhooks) await call(t.app, 'DELETE', `/webhooks/${webhook.id}`, { credentials: bearer(tenant.apiKey) });
  receiver.respond(() => undefined);
  receiver.received.length = 0;
});

const bodies = () => receiver.processed().map((r) => JSON.parse(r.body) as Record<string, unknown>);

/** A widget answered by one online agent, and a chat a visitor started on it. */
async function chatWithAgent() {
  const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }]);
  const started = () =>
    startConversation(t.core, tenant.organizationId, {
      widgetId: widget.id,
      visitor: { name: 'Jim Tester', email: 'jim@example.com', phone: '555-555-1010' },
      message: 'Hola, ',
      context: {
        ip: '67.174.108.196',
        pageUrl: 'https://example.com/contact',
        entryUrl: 'https://example.com/',
        referrerUrl: 'https://search.example/',
        userAgent: 'Mozilla/5.0',
        browser: 'Chrome 124',
        os: 'macOS 14',
        locale: 'en-US',
        geo: { city: 'Boulder', region: 'CO', countryCode: 'US', latitude: 39.9147, longitude: -105.080902 },
        jsVariables: { userid: 'ab123456789' },
      },
    });
  return { agent, widget, started };
}

describe('Agent Status webhook', () => {
  it('POSTs {org, agent_id, status, sub_status?, timestamp} with the Authorization token, in order', async () => {
    await subscribe(t.app, tenant.apiKey, { format: 'snapengage.agent-status', url: receiver.url, authToken: 'se-token' });
    const agent = await createAgent(t.core, tenant.organizationId);
    const delivery = startDelivery();
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause', 'Gone to lunch');
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'online');
    await receiver.waitFor(() => receiver.processed().length === 2);
    await delivery.drained();

    const org = (await getOrganization(t.core, tenant.organizationId))!.accountNumber;
    const [paused, online] = bodies();
    expect(paused).toEqual({ org, agent_id: `wc:${agent.email}`, status: 'pause', sub_status: 'Gone to lunch', timestamp: expect.any(Number) });
    expect(online).toEqual({ org, agent_id: `wc:${agent.email}`, status: 'online', timestamp: expect.any(Number) });
    expect(AGENT_STATUS_SAMPLE).toEqual(expect.arrayContaining(Object.keys(paused!)));
    expect(receiver.accepted().every((r) => r.headers.authorization === 'se-token')).toBe(true);
  });

  it('is configured per organization, not per widget', async () => {
    const widget = await createWidgetWith(t.core, tenant.organizationId, []);
    const response = await call(t.app, 'POST', '/webhooks', {
      credentials: bearer(tenant.apiKey),
      payload: { format: 'snapengage.agent-status', url: receiver.url, widgetId: widget.id },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid', field: 'widgetId' });
  });
});

describe('Conversation Events API', () => {
  it('sends each case event with exactly the reference fields for it', async () => {
    const { agent, widget, started } = await chatWithAgent();
    const colleague = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    await subscribe(t.app, tenant.apiKey, { format: 'snapengage.conversation-events', url: receiver.url, widgetId: widget.id });
    const delivery = startDelivery();

    const { conversation } = await started();
    const caseId = conversation.id;
    const { contactId } = conversation;
    await postAgentMessage(t.core, tenant.organizationId, caseId, agent.id, 'Good day');
    await postAgentMessage(t.core, tenant.organizationId, caseId, agent.id, 'A second reply is no new response');
    await labelConversation(t.core, tenant.organizationId, caseId, 'chatType', 'new chat');
    await transferConversation(t.core, tenant.organizationId, caseId, { kind: 'agent', userId: colleague.id });
    // Back to the widget with the current agent excluded and humans only: nobody is left, so it queues.
    await setAgentPresence(t.core, tenant.organizationId, agent.id, 'pause');
    await transferConversation(t.core, tenant.organizationId, caseId, { kind: 'widget', widgetId: widget.id, humanOnly: true });
    await closeConversation(t.core, tenant.organizationId, caseId, 'visitor');
    await rateConversation(t.core, tenant.organizationId, caseId, contactId, 9, 'really helpful');
    await receiver.waitFor(() => bodies().some((b) => b.event === 'caseSurveyed'));
    await delivery.drained();

    const events = bodies();
    expect(events.map((b) => b.event)).toEqual([
      'caseAssigned', 'caseResponded', 'caseLabeled', 'caseTransferred', 'caseAssigned', 'caseTransferred', 'caseQueued', 'caseClosed', 'caseSurveyed',
    ]);
    const base = { widget_id: widget.id, widget_name: widget.name, case_id: caseId, timestamp: expect.any(Number) };
    const agentFields = (user: { email: string; name: string }) => ({ agent_id: `wc:${user.email}`, agent_email: user.email, agent_alias: user.name });
    expect(events[0]).toEqual({ ...base, ...agentFields(agent), event: 'caseAssigned' });
    expect(events[1]).toEqual({ ...base, ...agentFields(agent), event: 'caseResponded' });
    expect(events[2]).toEqual({ ...base, ...agentFields(agent), event: 'caseLabeled', label: { value: 'new chat', name: 'chatType' } });
    expect(events[3]).toEqual({ ...base, ...agentFields(agent), event: 'caseTransferred' });
    expect(events[5]).toEqual({ ...base, ...agentFields(colleague), event: 'caseTransferred' });
    expect(events[6]).toEqual({ ...base, event: 'caseQueued' });
    expect(events[7]).toEqual({ ...base, event: 'caseClosed' });
    expect(events[8]).toMatchObject({ event: 'caseSurveyed', survey_score: 9, survey_comment: 'really helpful' });
    for (const body of events) expect(CONVERSATION_EVENT_SAMPLE).toEqual(expect.arrayContaining(Object.keys(body)));
  });
});

describe('Integration API', () => {
  it('POSTs the closed case with the reference fields, GMT dates and a transcript with senders', async () => {
    const { agent, widget, started } = await chatWithAgent();
    await subscribe(t.app, tenant.apiKey, { format: 'snapengage.integration', url: receiver.url, widgetId: widget.id, authToken: 'crm-token' });
    const delivery = startDelivery();
    const { conversation } = await started();
    await postAgentMessage(t.core, tenant.organizationId, conversation.id, agent.id, 'Good day');
    await labelConversation(t.core, tenant.organizationId, conversation.id, 'customerTemp', 'Very Happy');
    await closeConversation(t.core, tenant.organizationId, conversation.id, 'agent');
    await receiver.waitFor(() => receiver.accepted().length === 1);
    await delivery.drained();

    const [request] = receiver.accepted();
    expect(request!.headers.authorization).toBe('crm-token');
    const body = JSON.parse(request!.body);
    expect(CASE_SAMPLE).toEqual(expect.arrayContaining(Object.keys(body)));
    expect(body).toMatchObject({
      id: conversation.id,
      widget_id: widget.id,
      type: 'chat',
      requested_by: 'jim@example.com',
      requester_details: { name: 'Jim Tester', emails: ['jim@example.com'], phones: ['555-555-1010'] },
      description: 'Hola,',
      proactive_chat: false,
      page_url: 'https://example.com/contact',
      referrer_url: 'https://search.example/',
      entry_url: 'https://example.com/',
      ip_address: '67.174.108.196',
      user_agent: 'Mozilla/5.0',
      browser: 'Chrome 124',
      os: 'macOS 14',
      country_code: 'US',
      country: 'United States',
      region: 'CO',
      city: 'Boulder',
      latitude: 39.9147,
      longitude: -105.080902,
      source_id: 2,
      chat_ended_by: 'agent',
      language_code: 'en-US',
      javascript_variables: [{ name: 'userid', value: 'ab123456789' }],
      labels: [{ name: 'customerTemp', value: 'Very Happy' }],
    });
    expect(body.url).toMatch(new RegExp(`/${conversation.id}$`));
    expect(body.created_at_date).toMatch(INTEGRATION_DATE);
    expect(body.created_at_seconds).toBe(Math.floor(conversation.createdAt.getTime() / 1000));
    expect(body.created_at_milliseconds).toBe(conversation.createdAt.getTime() % 1000);
    expect(body.chat_waittime).toEqual(expect.any(Number));
    expect(body.chat_duration).toEqual(expect.any(Number));
    const lines = body.transcripts as Array<Record<string, unknown>>;
    for (const line of lines) {
      expect(TRANSCRIPT_SAMPLE).toEqual(expect.arrayContaining(Object.keys(line)));
      expect(line.date).toMatch(INTEGRATION_DATE);
    }
    expect(lines.find((l) => l.sender === 'VISITOR')).toMatchObject({ id: '', message: 'Hola,' });
    expect(lines.find((l) => l.sender === 'AGENT')).toMatchObject({ id: agent.email, alias: agent.name, message: 'Good day' });
  });

  it('sends an offline message as type offline, source 1, ended by no_agents_found; XML when configured', async () => {
    const widget = await createWidgetWith(t.core, tenant.organizationId, []);
    await subscribe(t.app, tenant.apiKey, { format: 'snapengage.integration-xml', url: receiver.url, widgetId: widget.id });
    await subscribe(t.app, tenant.apiKey, { format: 'snapengage.integration', url: receiver.url, widgetId: widget.id });
    const delivery = startDelivery();
    await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, visitor: { email: 'late@example.com' }, message: 'Call me <back> & soon' });
    await receiver.waitFor(() => receiver.accepted().length === 2);
    await delivery.drained();

    const xml = receiver.accepted().find((r) => r.headers['content-type'] === 'application/xml')!.body;
    const json = JSON.parse(receiver.accepted().find((r) => r.headers['content-type'] === 'application/json')!.body);
    expect(json).toMatchObject({ type: 'offline', source_id: 1, chat_ended_by: 'no_agents_found', requested_by: 'late@example.com' });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<case>\n/);
    expect(xml).toContain('<requested_by><![CDATA[late@example.com]]></requested_by>');
    expect(xml).toContain('<description><![CDATA[Call me <back> & soon]]></description>');
    expect(xml).toContain('<source_id type="integer">1</source_id>');
    expect(xml).toMatch(/<created_at type="datetime">\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/created_at>/);
    expect(xml).toMatch(/<date type="datetime">(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}<\/date>/);
    expect(xml).not.toContain('chat_ended_by');
  });

  describe('after the retries', () => {
    let smtp: SmtpSink;
    beforeAll(async () => {
      smtp = await startSmtpSink();
    });
    afterAll(() => smtp.close());

    it('e-mails the case to the widget destination and flags the delivery as sent', async () => {
      const widget = await createWidgetWith(t.core, tenant.organizationId, [], { destinationEmail: 'crm-inbox@example.com' });
      const { webhook } = await subscribe(t.app, tenant.apiKey, { format: 'snapengage.integration', url: receiver.url, widgetId: widget.id });
      receiver.respond(() => ({ status: 503 }));
      const delivery = startDelivery({ WEBHOOK_RETRY_WINDOW_MS: '300', SMTP_URL: smtp.url, MAIL_FROM: 'switchboard@example.com' });
      const { conversation } = await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, message: 'Nobody there?' });
      await waitFor(async () => smtp.messages.length === 1);
      await delivery.drained();

      const [mail] = smtp.messages;
      expect(mail!.to).toEqual(['crm-inbox@example.com']);
      expect(mail!.from).toBe('switchboard@example.com');
      const [row] = (await call(t.app, 'GET', `/webhooks/${webhook.id}/deliveries`, { credentials: bearer(tenant.apiKey) })).json().deliveries;
      expect(row).toMatchObject({ state: 'emailed', event: 'conversation.closed' });
      expect(mail!.data).toContain(`Subject: Undelivered conversation.closed (delivery\r\n ${row.id})`);
      const attachment = mail!.data.split(`filename=${row.id}.json`)[1]!.split('\r\n\r\n')[1]!.split('\r\n----')[0]!;
      expect(JSON.parse(Buffer.from(attachment, 'base64').toString('utf8'))).toMatchObject({ id: conversation.id, type: 'offline' });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
    });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
