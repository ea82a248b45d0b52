/**
 * What an API key may do. Vendor APIs map to scopes, so a key handed to one
 * integration cannot be used for another.
 */
export const apiScopes = ['admin', 'provisioning', 'chat', 'agent_status', 'logs'] as const;
export type ApiScope = (typeof apiScopes)[number];

export const isApiScope = (value: string): value is ApiScope => (apiScopes as readonly string[]).includes(value);
