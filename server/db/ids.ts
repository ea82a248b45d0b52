const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids arrive from URLs and bodies; a malformed one cannot name a row, and
 * handing it to PostgreSQL would fail the query instead of finding nothing.
 */
export const isUuid = (value: string): boolean => UUID.test(value);
