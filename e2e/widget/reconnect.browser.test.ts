import { describe, expect, it } from 'vitest';
import { isEvent, type EventFrame } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { chatFrame, connectOnlineAgent, createSupportWidget, recordedCallbacks, useWidgetBrowser } from './widget-kit.ts';

/** Keeps every WebSocket the page opens in window.__sockets, so the test can drop the connection. */
const TRACK_SOCKETS = `<script>window.__sockets = []; (function (Native) {
  window.WebSocket = function (url, protocols) { var socket = new Native(url, protocols); window.__sockets.push(socket); return socket; };
  window.WebSocket.prototype = Native.prototype; })(window.WebSocket);</script>`;

const kit = useWidgetBrowser();

describe('visitor widget: a dropped connection', () => {
  it('reconnects, resumes after the last event it saw and shows what it missed exactly once', async () => {
    const widget = await createSupportWidget(kit.server);
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId, { head: TRACK_SOCKETS });
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    await frame.getByLabel('How can we help?').fill('Is the Ridge tent in stock?');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    const { conversationId } = await agent.next<EventFrame>(isEvent('conversation.assigned'));
    await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
    await frame.getByText('Ada joined the chat').waitFor();

    await page.evaluate(() => (globalThis as unknown as { __sockets: Array<{ close(): void }> }).__sockets.at(-1)!.close());
    await agent.ack({ type: 'send_message', conversationId, body: 'Yes, two left in green.' });
    await frame.getByText('Yes, two left in green.').waitFor();

    expect(await frame.getByText('Yes, two left in green.').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as { __sockets: unknown[] }).__sockets.length)).toBe(2);
    expect((await recordedCallbacks(page)).filter(([name]) => name === 'ChatMessageReceived')).toEqual([['ChatMessageReceived', 'Ada', 'Yes, two left in green.']]);
    await page.close();
    await agent.close();
  });
});
