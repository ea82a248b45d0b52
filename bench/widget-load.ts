/**
 * Time from the snippet inserting the widget script to the launcher being on screen, in Chromium.
 *
 *   npx tsx bench/widget-load.ts            (BENCH_RUNS=15 by default)
 *
 * Starts `switchboard start` on a fresh database (its demo widget), serves a plain host page from
 * another port, and loads it BENCH_RUNS times cold (a new browser context: nothing cached) and
 * BENCH_RUNS times warm (reloads: the script comes from the HTTP cache or a 304). The page notes
 * `performance.now()` when it inserts the script and polls (setTimeout 1 ms, so ±4 ms) until the
 * launcher inside `#designstudio-iframe` has a size. Figures are in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { startBenchServer } from './bench-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const bundle = path.resolve(import.meta.dirname, '..', 'dist', 'widget', 'widget.js');
if (!existsSync(bundle)) execFileSync('npm', ['run', '--silent', 'build:widget'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

function hostPage(scriptUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><h1>Host page</h1>
<script>
  window.__t0 = performance.now();
  var se = document.createElement('script'); se.async = true; se.src = ${JSON.stringify(scriptUrl)};
  document.head.appendChild(se);
  (function poll() {
    var frame = document.getElementById('designstudio-iframe');
    var launcher = frame && frame.contentDocument && frame.contentDocument.querySelector('.launcher');
    if (launcher && launcher.getBoundingClientRect().width > 0 && frame.getBoundingClientRect().width > 0) window.__visible = performance.now() - window.__t0;
    else setTimeout(poll, 1);
  })();
</script></body></html>`;
}

async function measure(context: BrowserContext, url: string, reload: boolean): Promise<number> {
  const page = context.pages()[0] ?? (await context.newPage());

  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { __visible?: number }).__visible !== undefined, undefined, { timeout: 10_000 });
  return page.evaluate(() => (globalThis as unknown as { __visible: number }).__visible);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const summary = (values: number[]) => ({ median: Math.round(percentile(values, 50)), p90: Math.round(percentile(values, 90)), min: Math.round(Math.min(...values)) });

const server = await startBenchServer();
const host = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(hostPage(`http://127.0.0.1:${server.port}/js/${server.widgetId}.js`)));
await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    cold.push(await measure(context, pageUrl, false));
    await context.close();
  }
  const warm: number[] = [];
  const context = await browser.newContext();
  await measure(context, pageUrl, false);
  for (let i = 0; i < runs; i++) warm.push(await measure(context, pageUrl, true));
  await context.close();
  const source = readFileSync(bundle);
  console.log(
    JSON.stringify(
      { runs, scriptBytes: statSync(bundle).size, scriptGzipBytes: gzipSync(source, { level: 9 }).length, coldMs: summary(cold), warmMs: summary(warm) },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  host.close();
  await server.stop();
}
