import { findPersonalTokenCreatedAt } from '../../db/repositories/access-tokens.ts';
import type { Core } from '../context.ts';

/**
 * When the user's personal access token was made, or null when they have none. The token itself
 * cannot be shown again (only its hash is kept): the console says so and offers a new one.
 */
export async function getPersonalAccessTokenCreatedAt(core: Core, organizationId: string, userId: string): Promise<Date | null> {
  return (await findPersonalTokenCreatedAt(core.db, organizationId, userId)) ?? null;
}
