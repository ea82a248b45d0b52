/**
 * What a person's access token looks like: a prefix that lets secret scanners and readers
 * recognise the string, then 256 random bits (43 base64url characters). Checked before any
 * lookup, so a malformed token costs no query.
 */
export const ACCESS_TOKEN_PREFIX = 'sbt_';
export const ACCESS_TOKEN_PATTERN = /^sbt_[A-Za-z0-9_-]{43}$/;
