import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { postAgentMessage, postVisitorMessage } from '../../core/commands/post-message.ts';
import { requestTranscript } from '../../core/commands/visitor-requests.ts';
import { createAgent, createWidgetWith, insertVisitorConversation } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { createMailer, type Mailer } from '../mailer.ts';
import type { OutboxConsumer } from '../outbox-consumer.ts';
import { startTranscriptMailer } from '../transcript-mailer.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

/** A visitor asks for the transcript in the widget: the text of the chat reaches that address, notes excluded. */

const { t, tenant } = useTestApp({ tenants: 1 });
let sink: SmtpSink;
let mailer: Mailer;
let consumer: OutboxConsumer;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer(sink.url, 'chat@shop.example')!;
  consumer = startTranscriptMailer(t.core, mailer, loadConfig({ WEBHOOK_POLL_MS: '25' }), (error) => console.error(error));
  await consumer.drained();
});

afterAll(async () => {
  await consumer.stop();
  mailer.close();
  await sink.close();
});

describe('transcript e-mails', () => {
  it('sends the visitor-visible lines to the requested address, once, and never an internal note', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }]);
    const chat = await insertVisitorConversation(t.core, { organizationId: tenant.organizationId, widgetId: widget.id, assignee: { type: 'user', id: agent.id }, status: 'open' });
    const visitor = { organizationId: tenant.organizationId, contactId: chat.contactId };
    await postVisitorMessage(t.core, tenant.organizationId, chat.conversationId, chat.contactId, 'Do you ship <b>to</b> Norway?');
    await postAgentMessage(t.core, tenant.organizationId, chat.conversationId, agent.id, 'Yes, in 3-5 days.');
    await postAgentMessage(t.core, tenant.organizationId, chat.conversationId, agent.id, 'VIP, be quick', { private: true });

    await requestTranscript(t.core, visitor, chat.conversationId, 'Vera@Example.com');
    await consumer.drained();
    await consumer.drained();

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail!.to).toEqual(['vera@example.com']);
    expect(mail!.data).toMatch(/^Subject: Your chat transcript\r?$/m);
    const body = mail!.data.split(/\r?\n\r?\n/).slice(1).join('\n');
    expect(body).toMatch(/\] You: Do you ship <b>to<\/b> Norway\?/);
    expect(body).toContain(`] ${agent.name}: Yes, in 3-5 days.`);
    expect(body).not.toContain('VIP');
    expect(body).not.toContain('Transcript requested');
  });
});
