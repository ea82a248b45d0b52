import type { CannedResponse, Organization } from '../../kit.ts';

/**
 * A canned response as Chatwoot renders it (`render json: @canned_response`: the raw row), so its
 * times are ISO 8601 strings with milliseconds, not the unix seconds of jbuilder views.
 */
export function presentCannedResponse(response: CannedResponse, account: Organization) {
  return {
    id: response.publicId,
    account_id: account.accountNumber,
    short_code: response.shortCode,
    content: response.content,
    created_at: response.createdAt.toISOString(),
    updated_at: response.updatedAt.toISOString(),
  };
}
