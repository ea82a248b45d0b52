import type { WebhookFormat } from '../core/webhook-format.ts';
import { dialects } from '../dialects/index.ts';
import { nativeFormat } from './native-format.ts';

/** Every payload format a subscription may choose: ours, then each dialect's. */
export const webhookFormats: ReadonlyMap<string, WebhookFormat> = new Map(
  [nativeFormat, ...dialects.flatMap((dialect) => dialect.webhookFormats ?? [])].map((format) => [format.id, format]),
);
