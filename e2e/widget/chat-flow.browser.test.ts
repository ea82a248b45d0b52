import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBotMessage } from '../../server/core/commands/post-message.ts';
import { insertBot } from '../../server/test/factories.ts';
import { isEvent, isSignal, type EventFrame, type TestClient } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { saveScreenshot } from '../support/browser.ts';
import { chatFrame, computedStyle, connectOnlineAgent, createSupportWidget, gradientPng, hostPage, recordedCallbacks, useWidgetBrowser, type HostSite, type SupportWidget } from './widget-kit.ts';

const kit = useWidgetBrowser();

describe('visitor widget: from the snippet to the rating, with an agent on a real WebSocket', () => {
  let site: HostSite;
  let widget: SupportWidget;
  let agent: TestClient;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    widget = await createSupportWidget(kit.server, { settings: { rating: { enabled: true, scale: 'STAR' }, color: '#1f6f4a' } });
    const script = `${kit.server.baseUrl}/js/${widget.widgetId}.js`;
    site = await kit.hostSite({ '/': hostPage(script), '/shipping': hostPage(script, { title: 'Shipping – Acme Outdoor Supply' }) });
    agent = await connectOnlineAgent(kit.server, widget.agentEmail);
    page = await kit.newPage();
  });

  afterAll(() => agent?.close());

  it('shows the online launcher without leaking the page CSS, and opens the prechat form', async () => {
    await page.goto(`${site.url}/`);
    const frame = chatFrame(page);
    const launcher = frame.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    // The host page styles every button hotpink with !important; the launcher keeps the widget colour.
    expect(await computedStyle(launcher, 'backgroundColor')).toBe('rgb(31, 111, 74)');
    expect(await page.locator('#designstudio-iframe').evaluate((el) => (el as unknown as { contentDocument: { querySelector(s: string): unknown } }).contentDocument.querySelector('#main-mobile') !== null)).toBe(true);
    await saveScreenshot(page, 'widget-launcher');

    await launcher.click();
    await frame.getByLabel('Name').waitFor();
    expect(await computedStyle(frame.getByLabel('Name'), 'borderTopStyle')).toBe('solid');
    await frame.getByLabel('Name').fill('Vera');
    await frame.getByLabel('E-mail').fill('vera@example.com');
    await frame.getByLabel('How can we help?').fill('Do you ship to Norway?');
    await saveScreenshot(page, 'widget-prechat');
  });

  it('starts the chat; the agent answers, types and sends bot buttons and cards', async () => {
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Start chat' }).click();
    const assigned = await agent.next<EventFrame>(isEvent('conversation.assigned'));
    conversationId = assigned.conversationId!;
    await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
    const first = await agent.find<EventFrame>((f) => isEvent('message.created', conversationId)(f) && (f as EventFrame).data.message !== undefined);
    expect((first.data.message as { body: string }).body).toBe('Do you ship to Norway?');

    await frame.getByText('Ada joined the chat').waitFor();
    agent.send({ type: 'typing', conversationId, isTyping: true });
    await frame.getByLabel('Ada is typing…').waitFor();
    await agent.ack({ type: 'send_message', conversationId, body: 'Yes! Norway takes 3–5 working days.' });
    await frame.getByText('Yes! Norway takes 3–5 working days.').waitFor();
    expect(await frame.getByLabel('Ada is typing…').count()).toBe(0);

    const bot = await insertBot(kit.server.core, kit.server.tenant.organizationId);
    await postBotMessage(kit.server.core, kit.server.tenant.organizationId, conversationId, bot, 'Anything else?', {
      buttons: [{ id: 'size-guide', text: 'Size guide' }, { text: 'Returns' }],
      cards: { layout: 'VERTICAL', items: [{ title: 'Trail boots', excerpt: 'Waterproof, all sizes', link: 'https://acme.example/boots' }, { title: 'Evil card', link: 'javascript:alert(1)' }] },
    });
    await frame.getByRole('button', { name: 'Size guide' }).waitFor();
    expect(await frame.getByRole('link', { name: 'acme.example' }).getAttribute('href')).toBe('https://acme.example/boots');
    // A javascript: link is not drawn at all.
    expect(await frame.locator('a[href^="javascript"]').count()).toBe(0);
    await saveScreenshot(page, 'widget-chat-bot');
    await frame.getByRole('button', { name: 'Size guide' }).click();
    const clicked = await agent.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && ((f as EventFrame).data.message as { body: string }).body === 'Size guide');
    expect((clicked.data.message as { senderType: string }).senderType).toBe('visitor');
  });

  it('sends typing previews, messages and files to the agent', async () => {
    const frame = chatFrame(page);
    const box = frame.getByLabel('Message', { exact: true });
    await box.pressSequentially('Great, tha');
    // Previews are throttled, but the last one always reaches the agent.
    await agent.next((f) => isSignal('visitor.typing')(f) && (f as EventFrame).data.preview === 'Great, tha');
    await box.fill('Great, thanks!');
    await box.press('Enter');
    await agent.next((f) => isEvent('message.created', conversationId)(f) && ((f as EventFrame).data.message as { body: string }).body === 'Great, thanks!');
    expect(await box.inputValue()).toBe('');

    await frame.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: gradientPng() });
    const upload = await agent.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && ((f as EventFrame).data.message as { kind: string }).kind === 'attachment');
    expect((upload.data.message as { content: { attachment: { fileName: string } } }).content.attachment.fileName).toBe('receipt.png');
    await frame.getByRole('img', { name: 'receipt.png' }).waitFor();
    await saveScreenshot(page, 'widget-chat');

    // Other files show as a chip; the download carries the visitor's token, so it is fetched, then saved.
    await frame.locator('input[type=file]').setInputFiles({ name: 'sizes.txt', mimeType: 'text/plain', buffer: Buffer.from('EU 42 = UK 8\n') });
    const chip = frame.getByRole('button', { name: 'Download sizes.txt' });
    await chip.waitFor();
    // Readable on the visitor's side too: its bubbles are white text on the accent colour, a file card is not.
    expect(await computedStyle(chip, 'color')).not.toBe(await computedStyle(frame.locator('.msg.media').filter({ has: chip }), 'background-color'));
    const [download] = await Promise.all([page.waitForEvent('download'), chip.click()]);
    expect(download.suggestedFilename()).toBe('sizes.txt');

    const [botName] = ((await recordedCallbacks(page))[3] ?? []).slice(1);
    expect(botName).toMatch(/^Bot \d+$/);
    expect(await recordedCallbacks(page)).toEqual([
      ['Open', 'online'],
      ['StartChat', 'vera@example.com', 'Do you ship to Norway?', 'manual'],
      ['ChatMessageReceived', 'Ada', 'Yes! Norway takes 3–5 working days.'],
      ['ChatMessageReceived', botName, 'Anything else?'],
      ['InlineButtonClicked', { botName, buttonLabel: 'Size guide', buttonValue: 'size-guide' }],
      ['ChatMessageSent', 'Size guide'],
      ['ChatMessageSent', 'Great, thanks!'],
    ]);
  });

  it('keeps the chat across a page change, reports the page to the agent and replays quietly', async () => {
    await page.goto(`${site.url}/shipping`);
    const pageView = await agent.next<EventFrame>(isEvent('visitor.page_viewed', conversationId));
    expect(pageView.data.url).toBe(`${site.url}/shipping`);
    const frame = chatFrame(page);
    await frame.getByText('Yes! Norway takes 3–5 working days.').waitFor();
    // History replayed after a page change does not fire ChatMessageReceived again on the new page.
    expect(await recordedCallbacks(page)).toEqual([]);
    await agent.ack({ type: 'send_message', conversationId, body: 'Anything else I can do?' });
    await frame.getByText('Anything else I can do?').waitFor();
  });

  it('ends the chat, asks for a STAR rating and the survey, takes a transcript request; callbacks fire in order', async () => {
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'End chat' }).click();
    await frame.getByRole('alertdialog').getByRole('button', { name: 'End chat' }).click();
    const closed = await agent.next<EventFrame>(isEvent('conversation.closed', conversationId));
    expect(closed.data.closedBy).toBe('visitor');
    await frame.getByRole('heading', { name: 'How was your chat?' }).waitFor();
    await saveScreenshot(page, 'widget-rating');

    await frame.getByRole('button', { name: '4 of 5 stars' }).click();
    const rated = await agent.next<EventFrame>(isEvent('conversation.rated', conversationId));
    expect(rated.data.rating).toBe(8);
    await frame.getByLabel('Anything else you would like to tell us?').fill('Quick and friendly');
    await frame.getByRole('button', { name: 'Send feedback' }).click();
    const commented = await agent.next<EventFrame>(isEvent('conversation.rated', conversationId));
    expect(commented.data).toMatchObject({ rating: 8, comment: 'Quick and friendly' });

    await frame.getByRole('button', { name: 'Send', exact: true }).click();
    await frame.getByRole('log').getByText('We will e-mail the transcript to vera@example.com.').waitFor();
    const notice = await agent.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && ((f as EventFrame).data.message as { kind: string }).kind === 'event');
    expect((notice.data.message as { content: unknown }).content).toEqual({ event: { name: 'transcript_requested', data: { email: 'vera@example.com' } } });
    await saveScreenshot(page, 'widget-finished');

    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    // This page's callbacks: the box was restored open after the page change, so no Open or Minimize.
    expect(await recordedCallbacks(page)).toEqual([
      ['ChatMessageReceived', 'Ada', 'Anything else I can do?'],
      ['ChatEnded', { endedByUser: true }],
      ['RatingPromptClicked', 'Ada', 'STAR', 4],
      ['Close', 'chat', 'online'],
    ]);
    const cookies = await page.context().cookies(site.url);
    expect(cookies.find((c) => c.name === 'SnapABugUserEmail')?.value).toBe(encodeURIComponent('vera@example.com'));
  });
});
