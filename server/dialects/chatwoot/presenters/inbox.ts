import type { Channel, Widget, WidgetSchedule } from '../../kit.ts';

/**
 * Chatwoot's inbox (`api/v1/models/_inbox.json.jbuilder`), keys in its order: the common part,
 * then the web widget's or the API channel's own. A widget is an inbox; its public id serves as
 * both `id` and `channel_id` (Chatwoot's channel rows have ids of their own, which no client
 * needs). Settings we do not have (greeting, CSAT, out-of-office text, avatars) carry Chatwoot's
 * defaults. The HMAC token and the callback's signing `secret` are for administrators only, as
 * Chatwoot shows them.
 */

/** Chatwoot counts days from Sunday (0); our schedule from Monday (0). */
const chatwootDayOf = (weekday: number) => (weekday + 1) % 7;

/**
 * `working_hours` (Chatwoot's weekly_schedule): one entry per day. Chatwoot has one open range a
 * day, so a day with several of ours shows from the earliest start to the latest end; a range
 * that runs past midnight shows as open until midnight.
 */
function workingHoursOf(schedule: WidgetSchedule) {
  return [0, 1, 2, 3, 4, 5, 6].map((day) => {
    const ranges = schedule.ranges.filter((range) => range.enabled && chatwootDayOf(range.weekday) === day);
    const open = Math.min(...ranges.map((range) => range.startMinute));
    const close = Math.max(...ranges.map((range) => (range.endMinute <= range.startMinute ? 24 * 60 : range.endMinute)));
    const closed = ranges.length === 0;
    return {
      day_of_week: day,
      closed_all_day: closed,
      open_hour: closed ? null : Math.floor(open / 60),
      open_minutes: closed ? null : open % 60,
      close_hour: closed ? null : Math.floor(close / 60),
      close_minutes: closed ? null : close % 60,
      open_all_day: !closed && open === 0 && close === 24 * 60,
    };
  });
}

/** Who reads the inbox; `callbackSecret` is loaded for administrators reading one inbox. */
export interface InboxViewer {
  administrator: boolean;
  callbackSecret?: string | null;
}

function channelAttributesOf(inbox: Widget, { administrator, callbackSecret }: InboxViewer) {
  const channel = inbox.channel;
  if (channel.type === 'web_widget') {
    return {
      widget_color: null,
      website_url: null,
      hmac_mandatory: false,
      welcome_title: null,
      welcome_tagline: null,
      web_widget_script: null,
      // Our widget's public id: what our snippet and the widget API name it by.
      website_token: inbox.id,
      selected_feature_flags: [],
      reply_time: 'in_a_few_minutes',
      pre_chat_form_enabled: inbox.emailRequired,
      pre_chat_form_options: {},
      continuity_via_email: false,
      messaging_service_sid: null,
      phone_number: null,
    };
  }
  return {
    widget_color: null,
    website_url: null,
    hmac_mandatory: channel.type === 'api' ? channel.hmacMandatory : false,
    welcome_title: null,
    welcome_tagline: null,
    web_widget_script: null,
    website_token: null,
    selected_feature_flags: null,
    reply_time: null,
    messaging_service_sid: null,
    phone_number: null,
    ...(administrator && channel.type === 'api' && { hmac_token: channel.hmacToken }),
    ...(administrator && callbackSecret !== undefined && { secret: callbackSecret }),
    webhook_url: channel.callbackUrl,
    inbox_identifier: channel.identifier,
    additional_attributes: {},
  };
}

/** Chatwoot's channel class name for an inbox of this kind. */
export function channelTypeOf(channel: Channel): string {
  switch (channel.type) {
    case 'api':
      return 'Channel::Api';
    case 'web_widget':
      return 'Channel::WebWidget';
    case 'external_chat_server':
      // Chatwoot has no such channel; clients that switch on the class treat it like an API inbox.
      return 'Channel::Api';
  }
}

/** `api/v1/models/_inbox_slim`: the inbox as a contact inbox names it. Our inbox has no avatar or provider. */
export function presentInboxSlim(inbox: Widget) {
  return { id: inbox.publicId, avatar_url: '', channel_id: inbox.publicId, name: inbox.name, channel_type: channelTypeOf(inbox.channel), provider: null };
}

export function presentInbox(inbox: Widget, viewer: InboxViewer) {
  return {
    id: inbox.publicId,
    avatar_url: '',
    channel_id: inbox.publicId,
    name: inbox.name,
    channel_type: channelTypeOf(inbox.channel),
    greeting_enabled: false,
    greeting_message: null,
    working_hours_enabled: inbox.schedule !== null,
    enable_email_collect: inbox.emailRequired,
    csat_survey_enabled: false,
    csat_response_visible: false,
    // Our routing always assigns a conversation to an available member.
    enable_auto_assignment: true,
    auto_assignment_config: {},
    out_of_office_message: null,
    working_hours: inbox.schedule ? workingHoursOf(inbox.schedule) : [],
    timezone: inbox.schedule?.timeZone ?? 'UTC',
    callback_webhook_url: null,
    allow_messages_after_resolved: true,
    lock_to_single_conversation: false,
    sender_name_type: 'friendly',
    business_name: null,
    ...channelAttributesOf(inbox, viewer),
    provider: null,
  };
}

export type ChatwootInbox = ReturnType<typeof presentInbox>;
