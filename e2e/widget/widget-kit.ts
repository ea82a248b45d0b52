import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createUser } from '../../server/core/commands/create-user.ts';
import { createWidget } from '../../server/core/commands/create-widget.ts';
import { updateWidgetUiSettings } from '../../server/core/commands/update-widget-ui-settings.ts';
import type { WidgetUiSettings } from '../../server/core/commands/widget-ui-settings.ts';
import { connectAgent, logIn, type TestClient } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { ensureBuilt } from '../support/ensure-built.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';

/** Builds the widget when dist/ is missing or older than its sources, so `vitest run e2e/widget` works on its own. */
export const ensureWidgetBuilt = () => ensureBuilt('build:widget', 'dist/widget/widget.js', 'widget/src');

export const AGENT_PASSWORD = 'widget agent password';

export interface SupportWidget {
  widgetId: string;
  agentEmail: string;
  agentId: string;
  agentAlias: string;
}

type SettingsPatch = { [K in keyof WidgetUiSettings]?: WidgetUiSettings[K] extends object ? Partial<WidgetUiSettings[K]> : WidgetUiSettings[K] };

/** A widget answered by one agent (offline until a test connects them), with the given look and rules. */
export async function createSupportWidget(
  server: LiveServer,
  options: { settings?: SettingsPatch; emailRequired?: boolean; proactiveEnabled?: boolean; agentAlias?: string } = {},
): Promise<SupportWidget> {
  const { core, tenant } = server;
  const agentEmail = `widget-agent-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const agent = await createUser(core, tenant.organizationId, { email: agentEmail, name: 'Ada Lovelace', role: 'agent', password: AGENT_PASSWORD });
  const agentAlias = options.agentAlias ?? 'Ada';
  const widget = await createWidget(core, tenant.organizationId, {
    name: 'Acme Support',
    emailRequired: options.emailRequired ?? false,
    proactiveEnabled: options.proactiveEnabled ?? false,
    members: [{ userId: agent.id, alias: agentAlias }],
  });
  if (options.settings) await updateWidgetUiSettings(core, tenant.organizationId, widget.id, options.settings);
  return { widgetId: widget.id, agentEmail, agentId: agent.id, agentAlias };
}

/** The agent's console socket, online and listening for chats assigned to them. */
export async function connectOnlineAgent(server: LiveServer, email: string): Promise<TestClient> {
  const target = { t: server, url: `${server.baseUrl.replace('http', 'ws')}/realtime`, base: server.baseUrl };
  const agent = await connectAgent(target, await logIn(target, email, AGENT_PASSWORD));
  await agent.ack({ type: 'set_status', status: 'online' });
  await agent.ack({ type: 'subscribe', topic: 'agent' });
  return agent;
}

export interface HostSite {
  /** e.g. http://127.0.0.1:40123 — another origin than the chat server, as on a customer's site. */
  url: string;
  close(): Promise<void>;
}

/** A customer's website on its own port: path → HTML. */
async function startHostSite(pages: Record<string, string>): Promise<HostSite> {
  const server: HttpServer = createServer((request, response) => {
    const html = pages[(request.url ?? '/').split('?')[0]!];
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every callback, recorded in order into window.__events as [name, ...args] (JSON-safe). */
export const RECORD_ALL_CALLBACKS = `
window.__events = [];
['Close','ChatMessageReceived','ChatMessageSent','MessageSubmit','Minimize','Open','OpenProactive','StartChat','StartCallme','SwitchWidget','InlineButtonClicked',SnapEngage.callbacks.CHAT_ENDED,'RatingPromptClicked']
  .forEach(function (name) { SnapEngage.setCallback(name, function () { window.__events.push([name].concat([].slice.call(arguments))); }); });
`;

/**
 * A page with the snippet customers paste (the reference's async loader, with the API code in
 * its onload block). `apiCode` runs once the script is loaded.
 */
export function hostPage(scriptUrl: string, { title = 'Acme Outdoor Supply', body = '', apiCode = RECORD_ALL_CALLBACKS, head = '' } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px/1.6 Georgia, serif; color: #1f2937; background: #f4efe6; }
  header { background: #1f3d2b; color: #f4efe6; padding: 20px 40px; font-size: 22px; letter-spacing: .04em; }
  main { padding: 32px 40px; max-width: 720px; }
  /* Hostile rules a real site might have: none of them may reach the chat. */
  button { background: hotpink !important; font-size: 30px !important; }
  input, textarea { border: 5px dashed red !important; }
</style>${head}</head>
<body><header>${title}</header><main><h1>Trail boots, tents and stoves</h1>
<p>Everything for your next trip. Questions about sizes or delivery? Our team is one click away.</p>${body}</main>
<script type="text/javascript">
  (function() {
    var se = document.createElement('script'); se.type = 'text/javascript'; se.async = true;
    se.src = ${JSON.stringify(scriptUrl)};
    var done = false;
    se.onload = se.onreadystatechange = function() {
      if (!done&&(!this.readyState||this.readyState==='loaded'||this.readyState==='complete')) {
        done = true;
        /* Place your SnapEngage JS API code below */
        ${apiCode}
      }
    };
    var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(se, s);
  })();
</script></body></html>`;
}

export const DESKTOP = { width: 1280, height: 800 };

/**
 * One step's wait (a locator, a click) in a visitor's tab: well below the 30-second test timeout, so
 * a wait that never ends fails naming its locator instead of timing out the whole test; and generous,
 * because in CI two test files share two cores with Chromium and a first render has taken over 8 s.
 */
const STEP_TIMEOUT_MS = 15_000;

/**
 * A visitor's tab. Reduced motion (which the widget honours) keeps the box from fading in,
 * so screenshots show the finished state.
 */
async function newVisitorPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

export interface VisitOptions {
  apiCode?: string;
  head?: string;
  viewport?: typeof DESKTOP;
}

export interface WidgetBrowser {
  /** The chat server, on a fresh database for this file. */
  readonly server: LiveServer;
  readonly browser: Browser;
  /** A customer's website (path → HTML), closed after the file. */
  hostSite(pages: Record<string, string>): Promise<HostSite>;
  /** A visitor's empty tab. */
  newPage(viewport?: typeof DESKTOP): Promise<Page>;
  /** A visitor's tab on a new customer's site whose one page embeds the widget's snippet. */
  visit(widgetId: string, options?: VisitOptions): Promise<Page>;
}

/**
 * What every widget browser-test file needs: a live server, Chromium and the customer sites it
 * starts, all set up before the file's tests and shut down after them.
 */
export function useWidgetBrowser(): WidgetBrowser {
  let server: LiveServer | undefined;
  let launched: LaunchedBrowser | undefined;
  const sites: HostSite[] = [];
  const traceIfFailing = traceFailedTests();

  beforeAll(async () => {
    ensureWidgetBuilt();
    server = await startLiveServer();
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
    await Promise.all(sites.map((site) => site.close()));
    await server?.close();
  });

  const kit: WidgetBrowser = {
    get server() {
      return server!;
    },
    get browser() {
      return launched!.browser;
    },
    async hostSite(pages) {
      const site = await startHostSite(pages);
      sites.push(site);
      return site;
    },
    async newPage(viewport) {
      const page = await newVisitorPage(kit.browser, viewport);
      await traceIfFailing(page);
      return page;
    },
    async visit(widgetId, { apiCode, head, viewport } = {}) {
      const site = await kit.hostSite({ '/': hostPage(`${kit.server.baseUrl}/js/${widgetId}.js`, { ...(apiCode !== undefined && { apiCode }), ...(head !== undefined && { head }) }) });
      const page = await kit.newPage(viewport);
      await page.goto(site.url);
      return page;
    },
  };
  return kit;
}

/**
 * With E2E_TRACE_DIR set, every visitor tab records a Playwright trace (steps, DOM snapshots, console,
 * network), kept as <dir>/<time>-<test>.zip when the test fails: the way to see which wait hung on a
 * busy machine (open it with `npx playwright-core show-trace`). Tabs a test closed keep no trace.
 */
function traceFailedTests() {
  const folder = process.env.E2E_TRACE_DIR;
  const tracing = new Set<Page>();
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const page of tracing) {
      await page.context().tracing.stop({ path: path.join(folder!, `${Date.now()}-${task.name.replace(/\W+/g, '-').slice(0, 60)}.zip`) });
    }
    tracing.clear();
  });
  return async (page: Page): Promise<void> => {
    if (!folder) return;
    await page.context().tracing.start({ screenshots: true, snapshots: true });
    tracing.add(page);
    page.once('close', () => tracing.delete(page));
  };
}

/** The callbacks the page recorded so far. */
export function recordedCallbacks(page: Page): Promise<unknown[][]> {
  return page.evaluate(() => (globalThis as unknown as { __events: unknown[][] }).__events);
}

/** The chat's iframe, for locators. */
export const chatFrame = (page: Page) => page.frameLocator('#designstudio-iframe');

/** One computed CSS property of an element (to prove the host page's rules do not reach the chat). */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element)[name]!,
    property,
  );
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (a green-to-sand gradient, like a product photo placeholder) for upload tests. */
export function gradientPng(width = 320, height = 200): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      const t = (x + y) / (width + height);
      rows.set([Math.round(31 + t * 200), Math.round(111 + t * 110), Math.round(74 + t * 120)], i);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}
