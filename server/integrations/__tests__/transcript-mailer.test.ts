import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { postAgentMessage, postSystemMessage, postVisitorMessage } from '../../core/commands/post-message.ts';
import { updateContact } from '../../core/commands/update-contact.ts';
import { updateOrganization } from '../../core/commands/update-organization.ts';
import { requestTranscript, TRANSCRIPT_REQUESTED } from '../../core/commands/visitor-requests.ts';
import type { User } from '../../core/types.ts';
import { createAgent, createWidgetWith, insertVisitorConversation } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';
import { createMailer, type Mailer } from '../mailer.ts';
import type { OutboxConsumer } from '../outbox-consumer.ts';
import { startTranscriptMailer } from '../transcript-mailer.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

/** A visitor asks for the transcript in the widget: the text of the chat reaches their own address, notes excluded. */

const { t, tenant } = useTestApp({ tenants: 1 });
const config = loadConfig({ WEBHOOK_POLL_MS: '25' });
let sink: SmtpSink;
let mailer: Mailer;
let consumer: OutboxConsumer;
let agent: User;
let widgetId: string;

const startConsumer = () => startTranscriptMailer(t.core, mailer, config, (error) => console.error(error));

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer(sink.url, 'chat@shop.example')!;
  consumer = startConsumer();
  await consumer.drained();
  agent = await createAgent(t.core, tenant.organizationId);
  widgetId = (await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }])).id;
});

afterAll(async () => {
  await consumer.stop();
  mailer.close();
  await sink.close();
});

/** An open chat whose visitor gave `email` for it. */
async function chatOf(email: string) {
  const chat = await insertVisitorConversation(t.core, { organizationId: tenant.organizationId, widgetId, assignee: { type: 'user', id: agent.id }, status: 'open' });
  await updateContact(t.core, tenant.organizationId, chat.contactId, { email });
  const ask = () => requestTranscript(t.core, config.transcripts, { organizationId: tenant.organizationId, contactId: chat.contactId }, chat.conversationId, { email, ip: '203.0.113.7' });
  return { ...chat, ask };
}

async function drained() {
  await consumer.drained();
  await consumer.drained();
}

describe('transcript e-mails', () => {
  it('sends the visitor-visible lines to the requested address, once, and never an internal note', async () => {
    const chat = await chatOf('Vera@Example.com');
    await postVisitorMessage(t.core, tenant.organizationId, chat.conversationId, chat.contactId, 'Do you ship <b>to</b> Norway?');
    await postAgentMessage(t.core, tenant.organizationId, chat.conversationId, agent.id, 'Yes, in 3-5 days.');
    await postAgentMessage(t.core, tenant.organizationId, chat.conversationId, agent.id, 'VIP, be quick', { private: true });

    sink.messages.length = 0;
    await chat.ask();
    await drained();

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

  it('mails only requests the server accepted: a transcript notice posted by anything else names no recipient', async () => {
    const chat = await chatOf('owner@example.com');
    sink.messages.length = 0;
    await postSystemMessage(t.core, tenant.organizationId, chat.conversationId, 'Transcript requested for victim@example.com', {
      name: TRANSCRIPT_REQUESTED,
      data: { email: 'victim@example.com' },
    });
    await chat.ask();
    await drained();
    // Events are handled in order, so the forged notice was looked at before the real request was sent.
    expect(sink.messages.map((mail) => mail.to)).toEqual([['owner@example.com']]);
  });

  it('drops requests still waiting when the organization switches transcripts off', async () => {
    const chat = await chatOf('waiting@example.com');
    await consumer.stop();
    await chat.ask();
    await updateOrganization(t.core, tenant.organizationId, { transcriptsEnabled: false });
    sink.messages.length = 0;
    consumer = startConsumer();
    await drained();
    expect(sink.messages).toEqual([]);

    await updateOrganization(t.core, tenant.organizationId, { transcriptsEnabled: true });
    const next = await chatOf('later@example.com');
    await next.ask();
    await drained();
    expect(sink.messages.map((mail) => mail.to)).toEqual([['later@example.com']]);
  });
});
