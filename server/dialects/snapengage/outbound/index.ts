import type { WebhookFormat } from '../../kit.ts';
import { agentStatusFormat } from './agent-status.ts';
import { conversationEventsFormat } from './conversation-events.ts';
import { integrationJsonFormat, integrationXmlFormat } from './integration.ts';

/** SnapEngage's outbound webhooks, offered as subscription formats (docs/webhooks.md). */
export const snapEngageWebhookFormats: readonly WebhookFormat[] = [agentStatusFormat, conversationEventsFormat, integrationJsonFormat, integrationXmlFormat];
