/**
 * Everything a vendor dialect may use from the rest of the server. Files under
 * `server/dialects/<vendor>/` import the server only through this module (plus `protocol/`,
 * packages and their own folder), so what a dialect depends on is one reviewed list;
 * `npm run lint` enforces it. Add a name here when a dialect needs it, rather than reaching past.
 */

// The contract a dialect implements, and what its routes are given.
export type { Dialect, DialectOptions } from './dialect.ts';
export type { Core } from '../core/context.ts';

// Core commands: the use cases a vendor request may run.
export { banVisitor } from '../core/commands/ban-visitor.ts';
export { closeConversation } from '../core/commands/close-conversation.ts';
export { reopenConversation } from '../core/commands/reopen-conversation.ts';
export { createUser } from '../core/commands/create-user.ts';
export { acceptConversation } from '../core/commands/accept-conversation.ts';
export { attachFile } from '../core/commands/attach-file.ts';
export { deleteMessage } from '../core/commands/delete-message.ts';
export { markMessages } from '../core/commands/mark-messages.ts';
export { postAgentMessage } from '../core/commands/post-message.ts';
export type { MessageTags } from '../core/commands/post-message.ts';
export { updateConversationAttributes } from '../core/commands/update-conversation-attributes.ts';
export { unlabelConversation } from '../core/commands/label-conversation.ts';
export { createContact } from '../core/commands/create-contact.ts';
export type { ContactFields } from '../core/commands/create-contact.ts';
export { deleteContact } from '../core/commands/delete-contact.ts';
export { editContact } from '../core/commands/edit-contact.ts';
export { createWidget } from '../core/commands/create-widget.ts';
export { deleteUser } from '../core/commands/delete-user.ts';
export { deleteWidget } from '../core/commands/delete-widget.ts';
export { labelConversation } from '../core/commands/label-conversation.ts';
export { postBotMessage, postVisitorMessage } from '../core/commands/post-message.ts';
export { setAgentPresence, SUB_STATUS_MAX } from '../core/commands/set-agent-presence.ts';
export { startConversation } from '../core/commands/start-conversation.ts';
export { transferConversation } from '../core/commands/transfer-conversation.ts';
export { updateUser } from '../core/commands/update-user.ts';
export { updateWidget } from '../core/commands/update-widget.ts';
export type { WidgetMemberInput } from '../core/commands/widget-members.ts';

// Core queries: what a vendor response is built from, always within one organization.
export { getAssigneeAt } from '../core/queries/assignee-at.ts';
export { authenticateApiKey } from '../core/queries/authenticate-api-key.ts';
export { getContact } from '../core/queries/conversation-browsing.ts';
export { getVisitorTimeline } from '../core/queries/conversation-timeline.ts';
export type { TimelineEntry } from '../core/queries/conversation-timeline.ts';
export { getConversation, getTranscript } from '../core/queries/conversations.ts';
export { getOrganization } from '../core/queries/organizations.ts';
export type { Organization } from '../core/queries/organizations.ts';
export { getUser, getUserByEmail, getUsers } from '../core/queries/users.ts';
export { getUserByPublicId, getUsersByPublicIds, getWidgetByPublicId } from '../core/queries/public-ids.ts';
export type { PublicIdInput } from '../core/queries/public-ids.ts';
export { getWidgetAvailability, listAvailableMembers } from '../core/queries/widget-availability.ts';
export type { WidgetAvailability } from '../core/queries/widget-availability.ts';
export { getWidget, getWidgets } from '../core/queries/widgets.ts';
export { getContactByPublicId, getContactRecord, listContacts } from '../core/queries/contacts.ts';
export type { ContactCondition, ContactListQuery, ContactRecord, ContactSortKey } from '../core/queries/contacts.ts';
export { getConversationByNumber, getConversationEntry, getMessageBySeq, getMessageWindow, listConversationEntries } from '../core/queries/conversation-lookup.ts';
export type { AssigneeScope, ConversationEntry, ReceiptedMessage } from '../core/queries/conversation-lookup.ts';

// Channels (a widget of any type), vendor references and people's access tokens.
export type { ChannelInput, ChannelType } from '../core/channels.ts';
export type { ChannelChanges } from '../core/commands/update-widget.ts';
export { findExternalReference, listExternalReferences, rememberExternalReference, updateExternalReferenceData } from '../core/external-references.ts';
export type { ExternalReference, ExternalReferenceKey } from '../core/external-references.ts';
export { numberEntity } from '../core/commands/number-entity.ts';
export { issueAccessToken } from '../core/commands/issue-access-token.ts';
export { verifyCredentials } from '../core/commands/log-in.ts';
export { authenticateAccessToken } from '../core/queries/authenticate-access-token.ts';
export { getChannelCallbackSecret } from '../core/queries/channel-callback-secret.ts';

// Core types, API scopes and errors (a dialect's error handler maps DomainError to its vendor's shape).
export type {
  ApiKey,
  Assignee,
  Channel,
  CloseReason,
  Conversation,
  ConversationSource,
  MessageView,
  SenderType,
  TransferTarget,
  User,
  Widget,
  WidgetSchedule,
} from '../core/types.ts';
export type { ApiScope, Caller } from '../core/scopes.ts';
export { DomainError, invalid, notFound } from '../core/errors.ts';

// Core rules a vendor's schemas and presenters share, so both sides agree on limits and wording.
export { displayNameOf } from '../core/display-name.ts';
export { readWaitTimeNotice } from '../core/system-notices.ts';
export { normalizeEmail } from '../core/validation.ts';
export { buildVisitorContext, FIELD_VALUE_MAX, LOCALE_PATTERN, USER_AGENT_MAX } from '../core/visitor-context.ts';

// Outbound contracts: webhook formats over the event vocabulary, and the bot protocol.
export type { EventMap, EventType, StoredEvent } from '../core/events.ts';
export type { SignedAttempt, WebhookBuild, WebhookFormat } from '../core/webhook-format.ts';
export { defaultOrderingKey } from '../core/webhook-format.ts';
// Webhook subscriptions, for dialects that manage them in their vendor's words (Chatwoot's account webhooks).
export { createWebhook } from '../core/commands/create-webhook.ts';
export { deleteWebhook } from '../core/commands/delete-webhook.ts';
export { updateWebhook } from '../core/commands/update-webhook.ts';
export { getWebhook, getWebhooks } from '../core/queries/webhooks.ts';
export type { Webhook } from '../core/webhook-subscription.ts';
// Account labels, canned responses and teams (Chatwoot's), and a conversation's team.
export { createLabel } from '../core/commands/create-label.ts';
export { updateLabel } from '../core/commands/update-label.ts';
export { deleteLabel } from '../core/commands/delete-label.ts';
export type { LabelFields } from '../core/commands/label-fields.ts';
export { getLabelDefinitionByPublicId, getLabelDefinitions } from '../core/queries/labels.ts';
export type { LabelDefinition } from '../core/queries/labels.ts';
export { createCannedResponse } from '../core/commands/create-canned-response.ts';
export { updateCannedResponse } from '../core/commands/update-canned-response.ts';
export { deleteCannedResponse } from '../core/commands/delete-canned-response.ts';
export type { CannedResponseFields } from '../core/commands/canned-response-fields.ts';
export { getCannedResponseByPublicId, getCannedResponses } from '../core/queries/canned-responses.ts';
export type { CannedResponse } from '../core/queries/canned-responses.ts';
export { createTeam } from '../core/commands/create-team.ts';
export { updateTeam } from '../core/commands/update-team.ts';
export { deleteTeam } from '../core/commands/delete-team.ts';
export type { TeamFields } from '../core/commands/team-fields.ts';
export { changeTeamMembers } from '../core/commands/change-team-members.ts';
export type { TeamMembershipChange } from '../core/commands/change-team-members.ts';
export { assignConversationTeam } from '../core/commands/assign-conversation-team.ts';
export { getTeam, getTeamByPublicId, getTeamIdsOfUser, getTeamMembers, getTeams } from '../core/queries/teams.ts';
export type { Team } from '../core/queries/teams.ts';
export type { BotCall, BotProtocol } from '../core/bot-protocol.ts';

// Sending to a bot: the guarded HTTP POST and what counts as its success.
export { postBody } from '../integrations/http-post.ts';
export { isSuccess } from '../integrations/retry-policy.ts';

// HTTP helpers: an error's status and message as every API classifies them, and HTML escaping.
export { classifyError } from '../http/errors.ts';
export { escapeHtml } from '../http/html.ts';
// Sign-in routes count their attempts with the console's login, under the same limits.
export { loginAttemptGuard } from '../http/login-attempts.ts';

// Realtime: the per-visitor and per-conversation message allowance, answered with Retry-After.
export { MessageBudget, withRetryAfter } from '../realtime/action-budget.ts';
