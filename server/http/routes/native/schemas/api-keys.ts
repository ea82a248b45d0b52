import { Type, type Static } from 'typebox';
import { ApiKeyResponse, ApiScopeSchema, type ApiKeyView } from '../../../../../protocol/native-api.ts';
import type { ApiKey } from '../../../../core/types.ts';
import { Name } from './common.ts';

export const CreateApiKeyBody = Type.Object(
  { name: Name, scopes: Type.Array(ApiScopeSchema, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

export const ApiKeyListEnvelope = Type.Object({ apiKeys: Type.Array(ApiKeyResponse) });
export const CreatedApiKeyEnvelope = Type.Object({
  apiKey: ApiKeyResponse,
  secret: Type.String({ description: 'The full key for "Authorization: Bearer …"; shown only in this response' }),
});

export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export function presentApiKey(apiKey: ApiKey): ApiKeyView {
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
