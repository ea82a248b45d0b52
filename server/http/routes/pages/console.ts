import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { html, PAGE_SECURITY_HEADERS } from '../../html.ts';
import { page } from './layout.ts';

const consoleScript = new URL('./console-sign-in.js', import.meta.url);

/** `/console`: sign-in page of the agent console; the full console app replaces its body later. */
export async function consolePage(app: FastifyInstance) {
  const script = await readFile(consoleScript, 'utf8');
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => {
    const body = html`<h1>Switchboard console</h1>
<p>Sign in with your e-mail and password.</p>
<form class="card" id="sign-in" novalidate>
  <label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
  <div class="error" role="alert" id="error"></div>
</form>
<section class="card" id="account" hidden></section>`;
    return reply.headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(page('Console – Switchboard', body, ['/console/sign-in.js']));
  });
  app.get('/console/sign-in.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );
}
