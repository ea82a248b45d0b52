import { expect, it } from 'vitest';
import { redactQuerySecrets } from '../redact.ts';

it('replaces credential values in query strings and keeps the rest', () => {
  expect(redactQuerySecrets('/api/v1/user.json?api_key=sbk_abc_def&email=a@b.c')).toBe('/api/v1/user.json?api_key=[redacted]&email=a@b.c');
  expect(redactQuerySecrets('/x?email=a&apiKey=secret#frag')).toBe('/x?email=a&apiKey=[redacted]#frag');
  expect(redactQuerySecrets('/healthz')).toBe('/healthz');
});
