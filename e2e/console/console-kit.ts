import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { TestClient, type Frame } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { ensureBuilt } from '../support/ensure-built.ts';
import type { LiveServer } from '../support/live-server.ts';

/** Helpers of the console's browser tests: the build, signed-in pages, a visitor on a raw socket, a Hub SDK page. */

export const ensureConsoleBuilt = () => ensureBuilt('build:console', 'dist/console/index.html', 'console');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser context (own cookies) at the given size, showing the console's sign-in screen. */
export async function openConsole(browser: Browser, server: LiveServer, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['notifications'], { origin: server.baseUrl });
  const page = await context.newPage();
  // Fail a step well before the test's own timeout, so the report names the step.
  // Generous: in CI two test files run beside Chromium on two cores; a wait that never ends still fails.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.baseUrl}/console/`);
  return page;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A visitor speaking the widget's realtime protocol (docs/realtime.md), without the widget. */
export async function connectVisitor(server: LiveServer, widgetId: string) {
  // The server reads browser and system from the upgrade request, as it would from a real widget.
  const client = await TestClient.connect(`${server.baseUrl.replace('http', 'ws')}/realtime`, {
    headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36' },
  });
  client.send({ type: 'auth', role: 'visitor', widgetId });
  await client.find((frame) => frame.type === 'ready');
  return client;
}

/** The body of every agent message the visitor received so far. */
export const agentLines = (visitor: TestClient) =>
  visitor.frames
    .filter((f: Frame) => f.type === 'event' && f.name === 'message.created')
    .map((f) => (f.data as { message: { senderType: string; body: string } }).message)
    .filter((m) => m.senderType === 'agent')
    .map((m) => m.body);

/**
 * A Hub SDK app on its own origin: it records every message the console posts and
 * can post requests back to the console (window.parent), as a real integration would.
 */
const HUB_PAGE = `<!doctype html><meta charset="utf-8"><title>Test CRM</title>
<body style="font:14px system-ui;margin:12px"><h3>Test CRM</h3><ul id="log"></ul>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    window.received.push({ origin: event.origin, data: event.data });
    const li = document.createElement('li');
    li.textContent = event.data.type + (event.data.data && event.data.data.text ? ': ' + event.data.data.text : '');
    document.getElementById('log').append(li);
  });
  window.sendToHub = (message) => window.parent.postMessage(message, '*');
</script></body>`;

export async function startHubApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HUB_PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
