import { apiScopes, type ApiScope } from '../../protocol/values.ts';

/** The list lives in protocol/ because API key views carry scopes to the console too. */
export { apiScopes, type ApiScope };

export const isApiScope = (value: string): value is ApiScope => (apiScopes as readonly string[]).includes(value);
