import { Type, type Static } from 'typebox';
import { CLOCK_TIME_PATTERN, DAYS_OF_WEEK } from '../schedule.ts';

/** Request and response shapes of the Provisioning API, with the reference's rules ("less than 100" = at most 99). */
export const ACCOUNT_TYPES = ['trial', 'biz', 'entr', 'prem', 'enterprise'] as const;
export const AGENT_TYPES = ['webclient', 'google', 'skype'] as const;

const Email = Type.String({ format: 'email', minLength: 1, maxLength: 99 });
const Name = Type.String({ minLength: 1, maxLength: 99 });
const Password = Type.String({ minLength: 5, maxLength: 99 });
export const Phone = Type.String({ maxLength: 99, pattern: '^[0-9+()./ x-]*$' });
const AccountType = Type.Enum(ACCOUNT_TYPES);
/**
 * Clients that echo a GET response send the `wc:` prefix back; it is accepted and removed.
 * The e-mail itself must be under 100 characters; the route checks that once the prefix is off,
 * so the limit here is only a bound on what we read.
 */
const AgentId = Type.String({ minLength: 1, maxLength: 256, pattern: '^([wW][cC]:)?[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });
const BooleanLike = Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')]);

export const UserQuery = Type.Object({ api_key: Type.Optional(Type.String()), email: Email });
export const ApiKeyQuery = Type.Object({ api_key: Type.Optional(Type.String()) });

export const CreateUserBody = Type.Object({
  email: Email,
  name: Name,
  accountType: Type.Optional(AccountType),
  password: Password,
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  templateId: Type.Optional(Type.String({ minLength: 1, maxLength: 99 })),
});

export const UpdateUserBody = Type.Object({
  email: Email,
  name: Name,
  accountType: Type.Optional(AccountType),
  password: Type.Optional(Password),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
});

export const UserResponse = Type.Object({
  email: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  accountType: Type.Union([Type.String(), Type.Null()]),
});

const Agent = Type.Object({
  agentId: AgentId,
  agentAlias: Type.String({ minLength: 1, maxLength: 99 }),
  agentAvatar: Type.String({ maxLength: 2048 }),
  agentType: Type.Enum(AGENT_TYPES),
});

const ConversationSchedule = Type.Object({
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  schedules: Type.Array(
    Type.Object({
      dayOfWeek: Type.Enum(DAYS_OF_WEEK),
      enabled: Type.Boolean(),
      scheduleList: Type.Array(Type.String({ pattern: CLOCK_TIME_PATTERN }), { minItems: 2, maxItems: 2 }),
    }),
    { maxItems: 100 },
  ),
});

const widgetFields = {
  email: Email,
  name: Type.Optional(Name),
  destinationEmail: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Literal(''), Type.Null()])),
  agents: Type.Array(Agent, { minItems: 1, maxItems: 500 }),
  enableProactiveChat: Type.Optional(BooleanLike),
  enableConversations: Type.Optional(BooleanLike),
  conversationSchedule: Type.Optional(Type.Union([ConversationSchedule, Type.Null()])),
  // Deprecated by the vendor: accepted in any shape, ignored, answered as null.
  onlineButtonUrl: Type.Optional(Type.Unknown()),
  offlineButtonUrl: Type.Optional(Type.Unknown()),
  proactiveSettings: Type.Optional(Type.Unknown()),
};

export const CreateWidgetBody = Type.Object(widgetFields);
export const UpdateWidgetBody = Type.Object({ ...widgetFields, uuid: Type.String({ minLength: 1, maxLength: 64 }) });
export const WidgetQuery = Type.Object({
  api_key: Type.Optional(Type.String()),
  uuid: Type.String({ minLength: 1, maxLength: 64 }),
  email: Email,
});

export const WidgetResponse = Type.Object({
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  destinationEmail: Type.Union([Type.String(), Type.Null()]),
  uuid: Type.String(),
  agents: Type.Array(
    Type.Object({ agentId: Type.String(), agentAlias: Type.String(), agentAvatar: Type.String(), agentType: Type.String() }),
  ),
  enableProactiveChat: Type.String(),
  enableConversations: Type.Boolean(),
  conversationSchedule: Type.Union([ConversationSchedule, Type.Null()]),
  onlineButtonUrl: Type.Null(),
  offlineButtonUrl: Type.Null(),
  proactiveSettings: Type.Null(),
});

export type CreateUserBody = Static<typeof CreateUserBody>;
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export type CreateWidgetBody = Static<typeof CreateWidgetBody>;
export type UpdateWidgetBody = Static<typeof UpdateWidgetBody>;
export type UserResponse = Static<typeof UserResponse>;
export type WidgetResponse = Static<typeof WidgetResponse>;
