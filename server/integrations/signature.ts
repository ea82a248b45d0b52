import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. The timestamp is inside the MAC so a
 * captured request cannot be replayed later with a fresh timestamp.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (docs/webhooks.md has the same code): constant-time compare, bounded clock skew. */
export function verifySignature(secret: string, header: string, timestamp: number, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
