import { html, type SafeHtml } from '../../html.ts';

/** The frame shared by the server-rendered pages: system fonts, no external assets. */
export function page(title: string, body: SafeHtml, scripts: string[] = []): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #e3e6ec; --accent: #2458e6; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
  main { max-width: 760px; margin: 0 auto; padding: 48px 20px; }
  h1 { font-size: 28px; margin: 0 0 8px; }
  p { color: var(--muted); margin: 0 0 16px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 24px; margin: 24px 0; }
  pre { background: #0f1422; color: #e6e9f2; padding: 16px; border-radius: 8px; overflow-x: auto; font-size: 13px; }
  label { display: block; font-weight: 600; margin: 12px 0 4px; }
  input { width: 100%; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; font: inherit; }
  button { margin-top: 16px; padding: 10px 18px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  .error { color: #b42318; min-height: 1.5em; margin-top: 8px; }
  ul { padding-left: 20px; }
</style>
</head>
<body><main>${body}</main>${scripts.map((src) => html`<script src="${src}" async></script>`)}</body>
</html>`.value;
}
