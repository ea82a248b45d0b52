import { expect, it } from 'vitest';
import { redactQuerySecrets } from '../redact.ts';

it('replaces credential values in query strings and keeps the rest', () => {
  expect(redactQuerySecrets('/api/v1/user.json?api_key=sbk_abc_def&email=a@b.c')).toBe('/api/v1/user.json?api_key=[redacted]&email=a@b.c');
  expect(redactQuerySecrets('/x?email=a&apiKey=secret')).toBe('/x?email=a&apiKey=[redacted]');
  expect(redactQuerySecrets('/healthz')).toBe('/healthz');
  expect(redactQuerySecrets('/x?fileName=a%20b.png&widgetId=w1')).toBe('/x?fileName=a%20b.png&widgetId=w1');
});

it('judges parameter names as the server decodes them, so an encoded or odd spelling is redacted too', () => {
  // The server reads `api%5Fkey` as `api_key` and accepts the key; the log must not show it.
  expect(redactQuerySecrets('/api/v1/user.json?api%5Fkey=sbk_abc_def&email=a@b.c')).toBe('/api/v1/user.json?api%5Fkey=[redacted]&email=a@b.c');
  expect(redactQuerySecrets('/x?%61pi_key=s1&API_KEY=s2&Api-Key=s3&api%5fkey=s4')).toBe('/x?%61pi_key=[redacted]&API_KEY=[redacted]&Api-Key=[redacted]&api%5fkey=[redacted]');
  expect(redactQuerySecrets('/x?api_key=s1&api_key=s2')).toBe('/x?api_key=[redacted]&api_key=[redacted]');
});

it('covers every credential parameter the dialects accept, including those of the coming Chatwoot dialect', () => {
  for (const name of ['api_key', 'apiKey', 'access_token', 'api_access_token', 'auth_token', 'token', 'key', 'visitor_token', 'x-visitor-token', 'sb_session', 'secret', 'password']) {
    expect(redactQuerySecrets(`/x?a=1&${name}=hunter2&b=2`), name).toBe(`/x?a=1&${name}=[redacted]&b=2`);
  }
});

it('redacts what follows a `#` too, which the router reads as the query and browsers never send', () => {
  expect(redactQuerySecrets('/api/v1/user.json#api_key=sbk_abc_def')).toBe('/api/v1/user.json#api_key=[redacted]');
  // The value runs to the next `&`, as the server reads it.
  expect(redactQuerySecrets('/x?email=a&apiKey=secret#frag')).toBe('/x?email=a&apiKey=[redacted]');
});
