/**
 * The shapes of the native API and the realtime frames, under the names the console uses
 * (docs/native-api.md, docs/realtime.md). They are not declared here but taken from the
 * server's own definitions in protocol/ (the response schemas the server serializes with,
 * and the frame types it builds), so a changed field breaks this build instead of drifting.
 * Type-only: nothing of protocol/ reaches the bundle.
 */

import type { WidgetSchedule, WidgetView } from '../../../protocol/native-api.ts';

export type { Presence, Role } from '../../../protocol/values.ts';
export type {
  ApiKeyView as ApiKey,
  BotView as Bot,
  ContactView as Contact,
  ConversationDetailView as ConversationDetail,
  ConversationSummaryView as ConversationSummary,
  ConversationView as Conversation,
  HubLink,
  MessageView as Message,
  OrganizationView as Organization,
  PersonalAccessTokenView as PersonalAccessToken,
  TeammateView as Teammate,
  UserView as User,
  WebhookDeliveryView as WebhookDelivery,
  WebhookFormatView as WebhookFormat,
  WebhookView as Webhook,
  WidgetMemberView as WidgetMember,
  WidgetSchedule as Schedule,
  WidgetView as Widget,
} from '../../../protocol/native-api.ts';
export type { EventFrame, SignalFrame, TransferTarget } from '../../../protocol/realtime.ts';
export type { WidgetUiSettings as UiSettings } from '../../../protocol/widget-config.ts';

/** One opening-hours range: the schedule editor edits them one at a time. */
export type ScheduleRange = WidgetSchedule['ranges'][number];

/** How a widget's conversations arrive: `web_widget` (visitors on a website), `api`, `external_chat_server` (contacts of a backend). */
export type ChannelType = WidgetView['channelType'];
