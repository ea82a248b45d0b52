import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { startWebhookDelivery, type WebhookDelivery } from '../../server/integrations/index.ts';
import { verifySignature } from '../../server/integrations/signature.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, PHONE, signIn } from './console-kit.ts';

/**
 * The Integrations screen in Chromium: an admin subscribes a local receiver to
 * agent.status_changed, sees the signing secret once, changes their status, sees the
 * delivery in the log and replays it; the receiver gets the same delivery id twice. Then the
 * admin edits the webhook and replaces its secret, and deliveries follow both changes, and
 * edits the bot.
 */
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;
let delivery: WebhookDelivery;
const received: Array<{ path: string; headers: IncomingHttpHeaders; text: string; body: { id: string; event: string } }> = [];
const receiver = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString()));
  request.on('end', () => {
    received.push({ path: request.url ?? '', headers: request.headers, text, body: JSON.parse(text) as { id: string; event: string } });
    response.writeHead(204).end();
  });
});
let receiverUrl = '';

beforeAll(async () => {
  ensureConsoleBuilt();
  // The receiver listens on 127.0.0.1: the app (saving its URL) and the delivery engine must allow private targets.
  const localReceiver = { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true' };
  server = await startLiveServer(localReceiver);
  // The server runs delivery beside the app (server/runtime.ts); the test app does not, so start it here with short clocks.
  delivery = startWebhookDelivery(
    server.core,
    loadConfig({ WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_POLL_MS: '50', ...localReceiver }),
    (error) => console.error(error),
  );
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  launched = await launchBrowser();
  browser = launched.browser;
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await delivery?.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await server?.close();
});

const statusEvents = () => received.filter((r) => r.body.event === 'agent.status_changed');

describe('console integrations', () => {
  it('an admin subscribes a webhook, sees its secret once, sees a delivery and replays it', async () => {
    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByText('No webhooks yet').waitFor();
    await page.getByText('No bots yet').waitFor();

    // The server's refusal is shown in its words.
    await page.getByLabel('Target URL').fill('http://user:secret@127.0.0.1/hooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('must not carry credentials').waitFor();

    await page.getByLabel('Target URL').fill(receiverUrl);
    await page.getByLabel('Format').selectOption('native');
    await page.getByRole('checkbox', { name: 'agent.status_changed' }).check();
    await page.getByLabel('Authorization token (optional)').fill('Bearer receiver-token');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = page.getByLabel('Signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    const row = page.getByRole('row', { name: new RegExp(receiverUrl) });
    await row.getByText('agent.status_changed').waitFor();
    await row.getByText('(with token)').waitFor();

    // A bot beside it.
    await page.getByLabel('Name').fill('Order bot');
    await page.getByLabel('Endpoint URL').fill('https://bot.example.com/snapengage');
    await page.getByRole('button', { name: 'Add bot' }).click();
    await page.getByRole('cell', { name: /Order bot/ }).waitFor();
    await page.getByRole('heading', { name: 'Bots' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'console-integrations-bots');

    // The admin's status change is the event the filter asks for.
    const before = statusEvents().length;
    await page.getByRole('radio', { name: /Online/ }).click();
    await expect.poll(() => statusEvents().length, { timeout: 15_000 }).toBeGreaterThan(before);
    const first = statusEvents().at(-1)!;
    expect(first.headers['x-switchboard-delivery']).toBe(first.body.id);
    expect(first.headers.authorization).toBe('Bearer receiver-token');

    await row.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('region', { name: 'Deliveries' });
    const deliveryRow = deliveries.getByRole('row', { name: /agent\.status_changed/ }).first();
    await deliveryRow.getByText('Delivered').waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'console-integrations');

    await deliveryRow.getByRole('button', { name: 'Replay' }).click();
    await deliveries.getByText('Sending agent.status_changed again.').waitFor();
    await expect.poll(() => received.filter((r) => r.body.id === first.body.id).length, { timeout: 15_000 }).toBe(2);

    // The secret was shown once: after dismissing it, it is gone for good.
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => page.getByLabel('Signing secret').count()).toBe(0);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(receiverUrl) }).waitFor();
    expect(await page.getByLabel('Signing secret').count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('an admin edits a webhook (new URL, token removed) and replaces its signing secret', async () => {
    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.goto(`${server.baseUrl}/console/admin/integrations`);
    await page.getByRole('row', { name: new RegExp(receiverUrl) }).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit webhook' }).waitFor();
    expect(await page.getByLabel('Target URL').inputValue()).toBe(receiverUrl);
    expect(await page.getByRole('checkbox', { name: 'agent.status_changed' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Format').isDisabled()).toBe(true);
    await page.getByLabel('Target URL').fill(`${receiverUrl}/v2`);
    await page.getByRole('checkbox', { name: 'Remove the token' }).check();
    await page.getByRole('button', { name: 'Save webhook' }).click();
    const row = page.getByRole('row', { name: new RegExp(`${receiverUrl}/v2`) });
    await row.waitFor();
    await page.getByRole('heading', { name: 'Add a webhook' }).waitFor();
    expect(await row.getByText('(with token)').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'New secret' }).click();
    const secretField = page.getByLabel('Signing secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await saveScreenshot(page, 'console-integrations-new-secret');

    // The next status change goes to the new URL, without the token, signed with the new secret.
    const before = statusEvents().length;
    const online = page.getByRole('radio', { name: /Online/ });
    await page.getByRole('radio', { name: (await online.isChecked()) ? /Offline/ : /Online/ }).click();
    await expect.poll(() => statusEvents().length, { timeout: 15_000 }).toBeGreaterThan(before);
    const latest = statusEvents().at(-1)!;
    expect(latest.path).toBe('/hooks/v2');
    expect(latest.headers.authorization).toBeUndefined();
    const timestamp = Number(latest.headers['x-switchboard-timestamp']);
    expect(verifySignature(secret, String(latest.headers['x-switchboard-signature']), timestamp, latest.text)).toBe(true);

    // The bot is edited the same way: a new name and a token.
    await page.getByRole('row', { name: /Order bot/ }).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Order bot' }).waitFor();
    await page.getByLabel('Name').fill('Orders and returns bot');
    await page.getByLabel('Token (optional)', { exact: true }).fill('bot-token-1');
    await page.getByRole('button', { name: 'Save bot' }).click();
    const botRow = page.getByRole('row', { name: /Orders and returns bot/ });
    await botRow.getByRole('cell', { name: 'Set' }).waitFor();
    await page.getByRole('heading', { name: 'Add a bot' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('reads on a phone, and a webhook can be deleted', async () => {
    const page = await openConsole(browser, server, PHONE);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.goto(`${server.baseUrl}/console/admin/integrations`);
    const row = page.getByRole('row', { name: new RegExp(receiverUrl) });
    await row.waitFor();
    await row.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('region', { name: 'Deliveries' }).getByText('Delivered').first().waitFor();
    await saveScreenshot(page, 'console-integrations-phone');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No webhooks yet').waitFor();
    await page.context().close();
  }, 60_000);
});
