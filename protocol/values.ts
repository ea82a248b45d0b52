/**
 * The closed sets of words the server stores and sends. The database schema builds its
 * column enums from these lists and the wire schemas their enums, so a new value
 * reaches storage, the API and the clients' types together.
 */

export const roles = ['admin', 'agent'] as const;
export const presences = ['online', 'pause', 'offline'] as const;
/** Bots are either in routing or out of it: they have no pause. */
export const botPresences = ['online', 'offline'] as const;

/**
 * What kind of entry point a widget is (the core calls every entry point a widget; vendors say
 * inbox or channel): the web chat box, an API channel whose contacts write through an integration's
 * backend (Chatwoot's API inbox), or an external chat server that hands chats to our agents (Omnidesk).
 */
export const channelTypes = ['web_widget', 'api', 'external_chat_server'] as const;
export const conversationStatuses = ['queued', 'open', 'closed'] as const;
export const conversationSources = ['manual', 'proactive', 'offline'] as const;
export const conversationPriorities = ['urgent', 'high', 'medium', 'low'] as const;
/** Who ended a conversation, in SnapEngage's words (chat_ended_by). */
export const closeReasons = ['agent', 'visitor', 'timed_out', 'no_agents_found'] as const;

export const senderTypes = ['visitor', 'agent', 'bot', 'system'] as const;
export const messageKinds = ['text', 'note', 'attachment', 'structured', 'event'] as const;

/** What an API key may do. Vendor APIs map to scopes, so a key handed to one integration cannot be used for another. */
export const apiScopes = ['admin', 'provisioning', 'chat', 'agent_status', 'logs'] as const;

/** Which subscriptions a webhook format allows: organization-wide, per widget, or both. */
export const webhookScopes = ['organization', 'widget', 'any'] as const;
export const deliveryStates = ['pending', 'delivered', 'failed', 'emailed'] as const;

export type Role = (typeof roles)[number];
export type Presence = (typeof presences)[number];
export type ConversationStatus = (typeof conversationStatuses)[number];
export type ConversationSource = (typeof conversationSources)[number];
export type ConversationPriority = (typeof conversationPriorities)[number];
export type CloseReason = (typeof closeReasons)[number];
export type SenderType = (typeof senderTypes)[number];
export type ApiScope = (typeof apiScopes)[number];
export type WebhookScope = (typeof webhookScopes)[number];
export type DeliveryState = (typeof deliveryStates)[number];
