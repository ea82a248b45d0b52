import { Type, type Static } from 'typebox';
import { apiScopes } from '../../../../core/scopes.ts';
import type { ApiKey } from '../../../../core/types.ts';
import { Name, Nullable, Timestamp } from './common.ts';

const Scope = Type.Enum([...apiScopes]);

export const CreateApiKeyBody = Type.Object(
  { name: Name, scopes: Type.Array(Scope, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

/** A key as listed: its public `keyId`, never the secret or its hash. */
export const ApiKeyResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keyId: Type.String({ description: 'Public part of the key, to recognise it in logs' }),
  scopes: Type.Array(Scope),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

export const ApiKeyListEnvelope = Type.Object({ apiKeys: Type.Array(ApiKeyResponse) });
export const CreatedApiKeyEnvelope = Type.Object({
  apiKey: ApiKeyResponse,
  secret: Type.String({ description: 'The full key for "Authorization: Bearer …"; shown only in this response' }),
});

export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;
export type ApiKeyResponse = Static<typeof ApiKeyResponse>;

export function presentApiKey(apiKey: ApiKey): ApiKeyResponse {
  return {
    id: apiKey.id,
    name: apiKey.name,
    keyId: apiKey.keyId,
    scopes: apiKey.scopes,
    createdAt: apiKey.createdAt.toISOString(),
    lastUsedAt: apiKey.lastUsedAt?.toISOString() ?? null,
    revokedAt: apiKey.revokedAt?.toISOString() ?? null,
  };
}
