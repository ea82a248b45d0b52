import { expect, it } from 'vitest';
import { startConversation } from '../../core/commands/start-conversation.ts';
import { transferConversation } from '../../core/commands/transfer-conversation.ts';
import { getConversation, getTranscript } from '../../core/queries/conversations.ts';
import { createAgent, createWidgetWith } from '../../test/factories.ts';
import { createTenant, useTestApp } from '../../test/test-app.ts';
import { sweepConversations } from '../conversation-timers.ts';

const { t } = useTestApp();

const settings = { idleTimeoutMs: 60_000, queueNoticeIntervalMs: 30_000, queueTimeoutMs: 120_000 };
const later = (ms: number) => new Date(Date.now() + ms);

it('closes idle chats as timed out, and only those', async () => {
  const { organizationId: org } = await createTenant(t.core);
  const agent = await createAgent(t.core, org, { presence: 'online' });
  const widget = await createWidgetWith(t.core, org, [{ userId: agent.id }]);
  const { conversation } = await startConversation(t.core, org, { widgetId: widget.id, message: 'hi' });

  await sweepConversations(t.core, settings, later(30_000));
  expect((await getConversation(t.core, org, conversation.id))!.status).toBe('open');
  await sweepConversations(t.core, settings, later(61_000));
  expect(await getConversation(t.core, org, conversation.id)).toMatchObject({ status: 'closed', closedBy: 'timed_out' });
});

it('sends waiting visitors a notice, then closes the chat as no_agents_found', async () => {
  const { organizationId: org } = await createTenant(t.core);
  const agent = await createAgent(t.core, org, { presence: 'online' });
  const widget = await createWidgetWith(t.core, org, [{ userId: agent.id }]);
  const nobody = await createWidgetWith(t.core, org, [{ userId: (await createAgent(t.core, org)).id }]);
  const { conversation } = await startConversation(t.core, org, { widgetId: widget.id, message: 'hi' });
  await transferConversation(t.core, org, conversation.id, { kind: 'widget', widgetId: nobody.id });

  await sweepConversations(t.core, settings, later(31_000));
  const transcript = await getTranscript(t.core, org, conversation.id, { includePrivate: false });
  expect(transcript!.at(-1)).toMatchObject({ senderType: 'system', kind: 'event', content: { event: { name: 'wait_time', data: { waitSeconds: expect.any(Number) } } } });
  expect((transcript!.at(-1)!.content as { event: { data: { waitSeconds: number } } }).event.data.waitSeconds).toBeGreaterThanOrEqual(31);
  expect((await getConversation(t.core, org, conversation.id))!.status).toBe('queued');

  await sweepConversations(t.core, settings, later(121_000));
  expect(await getConversation(t.core, org, conversation.id)).toMatchObject({ status: 'closed', closedBy: 'no_agents_found' });
});
