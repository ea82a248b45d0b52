import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/context.ts';
import { getDemoWidget } from '../../../core/queries/demo-widget.ts';
import { widgetSnippet } from '../../../presenters/widget-snippet.ts';
import { html, PAGE_SECURITY_HEADERS } from '../../html.ts';
import { page } from './layout.ts';

/**
 * The pages' policy, plus blob: images: the widget's iframe inherits the page's policy and shows
 * pictures sent in the chat from blob: URLs (see docs/widget.md for what customers' sites need).
 */
const DEMO_SECURITY_HEADERS = {
  ...PAGE_SECURITY_HEADERS,
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; frame-ancestors 'none'",
};

/** `/demo`: a sample website with the demo widget embedded, as a customer's page would have it. */
export async function demoPage(app: FastifyInstance, { core, publicUrl }: { core: Core; publicUrl: string }) {
  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => {
    const widget = await getDemoWidget(core);
    reply.headers(DEMO_SECURITY_HEADERS).type('text/html; charset=utf-8');
    if (!widget) {
      return reply.code(404).send(page('Demo', html`<h1>No widget yet</h1><p>Create a widget in the console first.</p>`));
    }
    const body = html`<h1>Acme Outdoor Supply</h1>
<p>This sample page embeds the widget <strong>${widget.name}</strong>. Open the chat in the corner to talk to an agent signed in to the console.</p>
<div class="card"><h2>Embed it on your site</h2><p>Paste this snippet before the closing body tag:</p><pre>${widgetSnippet(publicUrl, widget.id)}</pre></div>`;
    return page('Demo – Switchboard', body, [`/js/${widget.id}.js`]);
  });
}
