import type { WebhookConfig } from '../config/config.ts';

/** What one attempt came to; `statusCode` is absent when no response arrived. */
export interface AttemptResult {
  statusCode?: number;
  error?: string;
  /** The policy refuses the target's address: it will refuse it again. */
  targetDenied?: boolean;
}

export const isSuccess = (result: AttemptResult): boolean => result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;

/**
 * Worth trying again: no response (network error, timeout), 408, 429 and 5xx. Any other
 * answer (a 4xx, a redirect) is the receiver's considered refusal; repeating it changes nothing,
 * and neither does asking again for an address the policy refuses.
 */
export function isRetryable(result: AttemptResult): boolean {
  if (result.targetDenied) return false;
  const code = result.statusCode;
  return code === undefined || code === 408 || code === 429 || code >= 500;
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random,
 * so endpoints coming back from an outage are not hit by every sender at the same instant.
 * `attempt` counts the attempts made so far (1 after the first failure).
 */
export function retryDelayMs(attempt: number, policy: Pick<WebhookConfig, 'retryBaseMs' | 'retryMaxMs'>, random: () => number = Math.random): number {
  const exponential = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
