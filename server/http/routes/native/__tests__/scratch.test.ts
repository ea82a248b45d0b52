import { test } from 'vitest';
import { createTestApp, createTenant } from '../../../../test/test-app.ts';

test('scratch', async () => {
  const t = await createTestApp();
  const tenant = await createTenant(t.core);
  const show = (r: any) => console.log(r.statusCode, JSON.stringify(r.headers), r.body.slice(0, 600));
  const login = await t.app.inject({ method: 'POST', url: '/native/v1/auth/login', payload: { email: tenant.adminEmail, password: tenant.adminPassword } });
  show(login); console.log(login.cookies);
  const cookie = `sb_session=${login.cookies[0]!.value}`;
  show(await t.app.inject({ method: 'GET', url: '/native/v1/me', headers: { cookie } }));
  show(await t.app.inject({ method: 'GET', url: '/native/v1/nope' }));
  show(await t.app.inject({ method: 'GET', url: '/native/v1/nope', headers: { cookie } }));
  show(await t.app.inject({ method: 'POST', url: '/native/v1/widgets', headers: { cookie }, payload: { name: 'W', members: [{ email: 'a@b.co', alias: 'A' }], schedule: { timeZone: 'Europe/Berlin', ranges: [{ weekday: 0, enabled: true, startMinute: 540, endMinute: 1020 }] } } }));
  show(await t.app.inject({ method: 'POST', url: '/native/v1/widgets', headers: { cookie }, payload: { name: 5 } }));
  show(await t.app.inject({ method: 'POST', url: '/native/v1/widgets', headers: { cookie, 'content-type': 'text/plain' }, payload: 'hi' }));
  show(await t.app.inject({ method: 'POST', url: '/native/v1/widgets', headers: { cookie, 'content-type': 'application/json' }, payload: '{bad' }));
  show(await t.app.inject({ method: 'DELETE', url: '/native/v1/widgets/xyz', headers: { cookie } }));
  show(await t.app.inject({ method: 'POST', url: '/native/v1/auth/logout', headers: { cookie } }));
  show(await t.app.inject({ method: 'GET', url: '/native/v1/me', headers: { cookie } }));
  for (let i = 0; i < 11; i++) { const r = await t.app.inject({ method: 'POST', url: '/native/v1/auth/login', payload: { email: tenant.adminEmail, password: 'x' } }); if (i >= 9) show(r); }
  const doc = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  console.log(Object.keys(doc.json().paths), JSON.stringify(doc.json().paths['/native/v1/widgets/{id}'].patch).slice(0, 1500));
  await t.close();
});
