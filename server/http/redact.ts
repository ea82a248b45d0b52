/**
 * Whether a query parameter carries a credential, judged on its decoded name in lower case
 * without `_`, `-`, `.` or spaces: SnapEngage's `api_key`, Chatwoot's `api_access_token` and
 * `access_token`, and every other spelling of a key, token, secret, password or session, so a
 * dialect added later, or a caller's odd spelling (`API-Key`, `api%5Fkey`), is covered as well.
 */
function isCredentialName(name: string): boolean {
  return /(key|token|secret|password|session|auth|authorization)$/.test(name.toLowerCase().replace(/[-_.\s]/g, ''));
}

/** A parameter name as the server reads it (URLSearchParams semantics: `+` is a space, percent-escapes decoded). */
function decodedName(part: string): string {
  return new URLSearchParams(part).keys().next().value ?? '';
}

/**
 * A URL safe to log: the values of credential parameters are replaced, everything else is kept
 * as sent. The query starts at the first `?` or `#`, as fastify's router reads it (a `#` is
 * never sent by browsers, but a client may put one there and the router then reads what follows).
 */
export function redactQuerySecrets(url: string): string {
  const start = url.search(/[?#]/);
  if (start === -1) return url;
  const parts = url.slice(start + 1).split('&');
  const redacted = parts.map((part) => {
    const equals = part.indexOf('=');
    return equals !== -1 && isCredentialName(decodedName(part)) ? `${part.slice(0, equals)}=[redacted]` : part;
  });
  return `${url.slice(0, start + 1)}${redacted.join('&')}`;
}
