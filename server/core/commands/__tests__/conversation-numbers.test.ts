import { describe, expect, it } from 'vitest';
import { startConversation } from '../start-conversation.ts';
import { createAgent, createWidgetWith, insertConversations, storedEvents } from '../../../test/factories.ts';
import { createTenant, useTestApp } from '../../../test/test-app.ts';

const { t } = useTestApp();

/** An organization with one widget answered by an online agent. */
async function organizationWithWidget() {
  const { organizationId } = await createTenant(t.core);
  const agent = await createAgent(t.core, organizationId, { presence: 'online' });
  const widget = await createWidgetWith(t.core, organizationId, [{ userId: agent.id }]);
  const start = () => startConversation(t.core, organizationId, { widgetId: widget.id, message: 'Hello' });
  return { organizationId, widget, start };
}

describe('conversation numbers', () => {
  it('count 1, 2, 3 within each organization, whatever other organizations do', async () => {
    const first = await organizationWithWidget();
    const second = await organizationWithWidget();
    expect((await first.start()).conversation.number).toBe(1);
    expect((await first.start()).conversation.number).toBe(2);
    await insertConversations(t.core, { organizationId: first.organizationId, widgetId: first.widget.id, assignee: null, status: 'queued', count: 3 });

    const { conversation } = await second.start();
    expect(conversation.number).toBe(1);
    const started = (await storedEvents(t.core, second.organizationId)).find((event) => event.type === 'conversation.started');
    expect(started?.payload).toMatchObject({ number: 1 });
    expect((await first.start()).conversation.number).toBe(6);
  });

  it('are distinct and without gaps when chats start at the same moment in one organization', async () => {
    const { start } = await organizationWithWidget();
    const results = await Promise.all(Array.from({ length: 6 }, () => start()));
    expect(results.map((result) => result.conversation.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
