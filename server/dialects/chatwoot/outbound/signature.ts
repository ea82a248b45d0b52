import { createHmac } from 'node:crypto';
import type { SignedAttempt } from '../../kit.ts';

/**
 * Chatwoot's webhook signature (v4.11+, research/chatwoot.md §3.4): `X-Chatwoot-Signature:
 * sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`, with the timestamp (unix seconds)
 * and a delivery id that stays the same on every retry, so a receiver can drop duplicates.
 */
export function chatwootSignatureHeaders({ secret, timestamp, body, deliveryId }: SignedAttempt): Record<string, string> {
  return {
    'X-Chatwoot-Signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    'X-Chatwoot-Timestamp': String(timestamp),
    'X-Chatwoot-Delivery': deliveryId,
  };
}
