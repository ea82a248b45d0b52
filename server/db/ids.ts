const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids arrive from URLs and bodies; a malformed one cannot name a row, and
 * handing it to PostgreSQL would fail the query instead of finding nothing.
 */
export const isUuid = (value: string): boolean => UUID.test(value);

/** The largest integer id a PostgreSQL `integer` column holds; a larger one would fail the query. */
const PUBLIC_ID_MAX = 2_147_483_647;

/** Integer public ids (db/schema/public-ids.ts) arrive as URL text or numbers: only 1..2^31-1 can name a row. */
export const isPublicId = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= PUBLIC_ID_MAX;
