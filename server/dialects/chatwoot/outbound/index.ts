import type { WebhookFormat } from '../../kit.ts';
import { chatwootFormat } from './format.ts';

/** Chatwoot's outbound webhooks, offered as a subscription format (account webhooks and API inbox callbacks). */
export const chatwootWebhookFormats: readonly WebhookFormat[] = [chatwootFormat];
