/** Query parameters that carry credentials in some vendor APIs (SnapEngage's `api_key`, Omnidesk's `apiKey`). */
const SECRET_QUERY_PARAMS = /([?&](?:api_key|apiKey|token|access_token)=)[^&#]*/gi;

/** A URL safe to log: credential values in the query string are replaced. */
export function redactQuerySecrets(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[redacted]');
}
