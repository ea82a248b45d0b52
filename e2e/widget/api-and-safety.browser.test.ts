import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deleteWidget } from '../../server/core/commands/delete-widget.ts';
import { getConversation } from '../../server/core/queries/conversations.ts';
import { isEvent, type EventFrame, type TestClient } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { saveScreenshot } from '../support/browser.ts';
import { chatFrame, connectOnlineAgent, createSupportWidget, recordedCallbacks, RECORD_ALL_CALLBACKS, useWidgetBrowser } from './widget-kit.ts';

const kit = useWidgetBrowser();

/** Calls window.SnapEngage[method](...args) in the page and returns what it returned. */
function callApi(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(([name, list]) => (globalThis as unknown as { SnapEngage: Record<string, (...a: unknown[]) => unknown> }).SnapEngage[name as string]!(...(list as unknown[])), [method, args] as const);
}

async function startChat(page: Page, agent: TestClient, message: string): Promise<string> {
  const frame = chatFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByLabel('How can we help?').fill(message);
  await frame.getByRole('button', { name: 'Start chat' }).click();
  const assigned = await agent.next<EventFrame>(isEvent('conversation.assigned'));
  await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId: assigned.conversationId, afterEventId: 0 });
  await frame.getByText(/joined the chat/).waitFor();
  return assigned.conversationId!;
}

describe('HTML in messages, names and custom fields is text', () => {
  it('never runs or renders markup from the agent, the page or the visitor', async () => {
    const evilAlias = '<img src=x onerror="globalThis.__pwned=1">Eve';
    const widget = await createSupportWidget(kit.server, { agentAlias: evilAlias });
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId, {
      apiCode: `SnapEngage.setUserName('<b onmouseover="globalThis.__pwned=2">Mallory</b>'); SnapEngage.setCustomField('Company', '<script>globalThis.__pwned=3<\\/script>');`,
    });
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    expect(await frame.getByLabel('Name').inputValue()).toBe('<b onmouseover="globalThis.__pwned=2">Mallory</b>');
    await frame.getByLabel('How can we help?').fill('<svg onload="globalThis.__pwned=4">hi</svg>');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    const assigned = await agent.next<EventFrame>(isEvent('conversation.assigned'));
    const conversationId = assigned.conversationId!;
    await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
    await agent.ack({ type: 'send_message', conversationId, body: '<script>globalThis.__pwned=5</script><i>not italic</i>' });

    await frame.getByText('<script>globalThis.__pwned=5</script><i>not italic</i>').waitFor();
    await frame.getByText('<svg onload="globalThis.__pwned=4">hi</svg>').waitFor();
    await frame.getByText(`${evilAlias} joined the chat`).waitFor();
    expect(await frame.getByRole('heading', { name: evilAlias }).count()).toBe(1);
    expect(await frame.locator('script, i, b, svg[onload], img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const stored = await getConversation(kit.server.core, kit.server.tenant.organizationId, conversationId);
    expect(stored?.visitorContext.customFields).toEqual({ Company: '<script>globalThis.__pwned=3</script>' });
    await saveScreenshot(page, 'widget-injection-as-text');
    await page.close();
    await agent.close();
  });
});

describe('languages, small screens and the keyboard', () => {
  it('speaks German after setLocale("de") and falls back to English for languages it lacks', async () => {
    const { widgetId } = await createSupportWidget(kit.server);
    const page = await kit.visit(widgetId, { apiCode: `SnapEngage.setLocale('de');` });
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Hinterlassen Sie uns eine Nachricht' }).click();
    await frame.getByText('Wir sind gerade nicht online.', { exact: false }).waitFor();
    await saveScreenshot(page, 'widget-offline-de');
    await callApi(page, 'setLocale', 'ja');
    await frame.getByText('We are not online right now.', { exact: false }).waitFor();
    await page.close();
  });

  it('fills a 390 px wide phone screen, opens from the keyboard and closes with Escape', async () => {
    const widget = await createSupportWidget(kit.server);
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId, { viewport: { width: 390, height: 844 } });
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await frame.getByLabel('Name').waitFor();
    expect(await frame.getByLabel('Name').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const box = await page.locator('#designstudio-iframe').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await frame.getByLabel('How can we help?').fill('Do the Summit boots run small?');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    const assigned = await agent.next<EventFrame>(isEvent('conversation.assigned'));
    await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId: assigned.conversationId, afterEventId: 0 });
    await agent.ack({ type: 'send_message', conversationId: assigned.conversationId, body: 'They run half a size small, so order up.' });
    await frame.getByText('They run half a size small, so order up.').waitFor();
    await saveScreenshot(page, 'widget-mobile-chat');
    await page.keyboard.press('Escape');
    await frame.getByRole('button', { name: 'Open chat' }).waitFor();
    expect((await recordedCallbacks(page)).at(-1)).toEqual(['Minimize', true, 'manual', 'chatManual']);
    await page.close();
    await agent.close();
  });
});

describe('without a prechat form', () => {
  it('starts the chat with the first line the visitor types, minimized replies count as unread', async () => {
    const widget = await createSupportWidget(kit.server, { settings: { prechat: { enabled: false } } });
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    expect(await frame.getByLabel('Name').count()).toBe(0);
    await frame.getByLabel('Message', { exact: true }).fill('Hi, quick question');
    await frame.getByLabel('Message', { exact: true }).press('Enter');
    const assigned = await agent.next<EventFrame>(isEvent('conversation.assigned'));
    await frame.getByText('Hi, quick question').waitFor();
    await frame.getByRole('button', { name: 'Minimize chat' }).first().click();
    await agent.ack({ type: 'send_message', conversationId: assigned.conversationId, body: 'Go ahead!' });
    await frame.getByRole('button', { name: 'Open chat, 1 unread messages' }).click();
    await frame.getByText('Go ahead!').waitFor();
    expect(await recordedCallbacks(page)).toEqual([
      ['Open', 'online'],
      ['StartChat', '', 'Hi, quick question', 'manual'],
      ['Minimize', true, 'manual', 'chatManual'],
      ['ChatMessageReceived', 'Ada', 'Go ahead!'],
      ['Minimize', false, 'manual', 'chatManual'],
    ]);
    await page.close();
    await agent.close();
  });
});

/** Puts the test between the widget's socket and the server, so it can hold the server's frames back (a slow network) and then let them through in order. */
async function slowNetwork(page: Page) {
  const held: Array<() => void> = [];
  let holding = false;
  await page.routeWebSocket(/\/realtime$/, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((frame) => (holding ? held.push(() => socket.send(frame)) : socket.send(frame)));
  });
  return {
    hold: () => void (holding = true),
    release: () => {
      holding = false;
      held.splice(0).forEach((send) => send());
    },
  };
}

describe('the message box on a slow network', () => {
  it('empties as the message leaves and keeps what the visitor types before the server answers', async () => {
    const widget = await createSupportWidget(kit.server, { settings: { prechat: { enabled: false } } });
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId);
    const network = await slowNetwork(page);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    const box = frame.getByLabel('Message', { exact: true });
    await box.fill('Do you have the Ridge tent?');
    await box.press('Enter');
    await agent.next<EventFrame>(isEvent('conversation.assigned'));
    await frame.getByText('Do you have the Ridge tent?').waitFor();

    network.hold();
    await box.fill('In green?');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('');
    await box.pressSequentially('And the');
    network.release();
    await page.waitForFunction(() => (globalThis as unknown as { __events: unknown[][] }).__events.some(([name, text]) => name === 'ChatMessageSent' && text === 'In green?'));
    expect(await box.inputValue()).toBe('And the');
    await page.close();
    await agent.close();
  });
});

describe('a widget deleted while its page is open', () => {
  it('says that starting the chat failed instead of waiting forever', async () => {
    const widget = await createSupportWidget(kit.server);
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    await deleteWidget(kit.server.core, kit.server.tenant.organizationId, widget.widgetId);
    await frame.getByLabel('How can we help?').fill('Hello?');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await frame.getByRole('alert').getByText('Something went wrong. Please try again.').waitFor();
    expect(await frame.getByRole('button', { name: 'Start chat' }).isEnabled()).toBe(true);
    await page.close();
    await agent.close();
  });
});

describe('rating on the NUMBER scale, without a survey', () => {
  it('offers 1 to 10 when the agent ends the chat and stores the choice as is', async () => {
    const widget = await createSupportWidget(kit.server, { settings: { rating: { enabled: true, scale: 'NUMBER' }, survey: { enabled: false } } });
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    const page = await kit.visit(widget.widgetId);
    const conversationId = await startChat(page, agent, 'Where is my order?');
    await agent.ack({ type: 'send_message', conversationId, body: 'It ships tomorrow.' });
    await agent.ack({ type: 'close', conversationId });
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: '10 of 10' }).waitFor();
    expect(await frame.getByRole('button', { name: /of 10$/ }).count()).toBe(10);
    await saveScreenshot(page, 'widget-rating-number');
    await frame.getByRole('button', { name: '9 of 10' }).click();
    const rated = await agent.next<EventFrame>(isEvent('conversation.rated', conversationId));
    expect(rated.data).toMatchObject({ rating: 9, comment: null });
    await frame.getByRole('button', { name: 'Start a new chat' }).waitFor();
    expect(await frame.getByText('Anything else you would like to tell us?').count()).toBe(0);
    expect((await recordedCallbacks(page)).slice(-2)).toEqual([
      ['ChatEnded', { endedByUser: false }],
      ['RatingPromptClicked', 'Ada', 'NUMBER', 9],
    ]);
    await page.close();
    await agent.close();
  });
});

describe('the SnapEngage JavaScript API', () => {
  it('exposes every method under SnapEngage, SnapABug and SnapEngageChat with the documented results', async () => {
    const widget = await createSupportWidget(kit.server);
    const other = await createSupportWidget(kit.server);
    const page = await kit.visit(widget.widgetId);
    await chatFrame(page).getByRole('button', { name: 'Leave us a message' }).waitFor();
    const surface = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, Record<string, unknown>>;
      return { same: g.SnapABug === g.SnapEngage && g.SnapEngageChat === g.SnapEngage, methods: Object.keys(g.SnapEngage!).sort(), chatEnded: (g.SnapEngage!.callbacks as Record<string, string>).CHAT_ENDED };
    });
    expect(surface.same).toBe(true);
    expect(surface.chatEnded).toBe('ChatEnded');
    expect(surface.methods).toEqual(
      [
        'allowChatSound', 'allowPageChangeNotification', 'allowProactiveChat', 'allowScreenshot', 'callbacks', 'clearAllCookies', 'disableLighbox', 'disableLightbox',
        'endChat', 'getAgentStatusAsync', 'getWidgetId', 'hideButton', 'openProactiveChat', 'reInitProactiveRules', 'sendTextToChat', 'setButtonEffect',
        'setCallback', 'setChatFormPosition', 'setCustomField', 'setDescription', 'setLocale', 'setNoProactiveChatDelay', 'setProactiveAutoCloseDelay',
        'setProactiveAutocloseDelay', 'setUserEmail', 'setUserName', 'setWidgetId', 'showButton', 'startChat', 'startLink', 'switchWidget',
      ].sort(),
    );
    expect(await callApi(page, 'getWidgetId')).toBe(widget.widgetId);
    expect(await page.evaluate(() => (globalThis as unknown as { SnapEngage: { setCallback(n: string, f: () => void): boolean } }).SnapEngage.setCallback('NoSuchEvent', () => {}))).toBe(false);
    expect(await page.evaluate(() => (globalThis as unknown as { SnapEngage: { setCallback(n: string, f: () => void): boolean } }).SnapEngage.setCallback('startcallme', () => {}))).toBe(true);
    expect(await callApi(page, 'sendTextToChat', 'hello')).toBe(false);
    expect(await callApi(page, 'switchWidget', '')).toBe(false);
    for (const deprecated of ['allowPageChangeNotification', 'allowScreenshot', 'disableLightbox', 'disableLighbox', 'setButtonEffect', 'setChatFormPosition']) {
      expect(await callApi(page, deprecated, true)).toBeUndefined();
    }

    const status = () => page.evaluate(() => new Promise((resolve) => (globalThis as unknown as { SnapEngage: { getAgentStatusAsync(cb: (o: boolean) => void): void } }).SnapEngage.getAgentStatusAsync(resolve)));
    expect(await status()).toBe(false);
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    expect(await status()).toBe(true);

    await callApi(page, 'hideButton');
    await chatFrame(page).getByRole('button', { name: 'Open chat' }).waitFor({ state: 'detached' });
    await callApi(page, 'showButton');
    await chatFrame(page).getByRole('button', { name: 'Open chat' }).waitFor();

    await page.evaluate((id) => new Promise<void>((resolve) => (globalThis as unknown as { SnapEngage: { switchWidget(id: string, cb: () => void): void } }).SnapEngage.switchWidget(id, resolve)), other.widgetId);
    expect(await callApi(page, 'getWidgetId')).toBe(other.widgetId);
    expect((await recordedCallbacks(page)).at(-1)).toEqual(['SwitchWidget', other.widgetId]);
    await page.close();
    await agent.close();
  });

  it('sendTextToChat: agents-only notes and visitor-only lines; endChat closes the box from CHAT_ENDED; sounds switch off', async () => {
    const widget = await createSupportWidget(kit.server);
    const agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    // Count chimes: every chime starts two oscillators.
    const countChimes = `<script>window.__tones = 0; window.AudioContext = class { constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
      createOscillator() { return { frequency: {}, connect: (g) => g, start: () => window.__tones++, stop() {} }; }
      createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (d) => d }; } };</script>`;
    const page = await kit.visit(widget.widgetId, {
      head: countChimes,
      apiCode: `${RECORD_ALL_CALLBACKS} SnapEngage.setCallback(SnapEngage.callbacks.CHAT_ENDED, function (o) { window.__events.push(['ChatEnded', o]); SnapEngage.endChat({ closeChatBox: true }); });`,
    });
    const conversationId = await startChat(page, agent, 'Hello there');
    const tones = () => page.evaluate(() => (globalThis as unknown as { __tones: number }).__tones);

    await agent.ack({ type: 'send_message', conversationId, body: 'Hi, Ada here.' });
    await chatFrame(page).getByText('Hi, Ada here.').waitFor();
    expect(await tones()).toBe(2);
    await callApi(page, 'allowChatSound', false);
    await agent.ack({ type: 'send_message', conversationId, body: 'Still there?' });
    await chatFrame(page).getByText('Still there?').waitFor();
    expect(await tones()).toBe(2);
    expect(await chatFrame(page).getByRole('button', { name: 'Turn sounds on' }).getAttribute('aria-pressed')).toBe('false');

    expect(await callApi(page, 'sendTextToChat', 'Visitor came from the spring campaign')).toBe(true);
    const note = await agent.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && ((f as EventFrame).data.message as { private: boolean }).private);
    expect(note.data.message).toMatchObject({ body: 'Visitor came from the spring campaign', kind: 'note', senderType: 'visitor' });
    expect(await chatFrame(page).getByText('Visitor came from the spring campaign').count()).toBe(0);
    expect(await callApi(page, 'sendTextToChat', 'Here is 10% off: TENOFF', 'visitor')).toBe(false);
    await chatFrame(page).getByText('Here is 10% off: TENOFF').waitFor();

    await agent.ack({ type: 'close', conversationId });
    await chatFrame(page).getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await chatFrame(page).getByRole('dialog').count()).toBe(0);
    expect((await recordedCallbacks(page)).filter(([name]) => name === 'ChatEnded')).toEqual([['ChatEnded', { endedByUser: false }]]);
    await page.close();
    await agent.close();
  });

  it('clearAllCookies forgets the visitor: cookies and the saved session', async () => {
    const widget = await createSupportWidget(kit.server);
    const page = await kit.visit(widget.widgetId, { apiCode: `SnapEngage.setUserName('Vera'); SnapEngage.setUserEmail('vera@example.com', true);` });
    await chatFrame(page).getByRole('button', { name: 'Leave us a message' }).click();
    expect(await chatFrame(page).getByLabel('E-mail').getAttribute('readonly')).not.toBeNull();
    const names = async () => (await page.context().cookies()).map((c) => c.name).sort();
    expect(await names()).toEqual(['SnapABugUserAlias']);
    await callApi(page, 'clearAllCookies');
    expect(await names()).toEqual([]);
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { localStorage: object }).localStorage))).toEqual([]);
    await page.close();
  });
});
