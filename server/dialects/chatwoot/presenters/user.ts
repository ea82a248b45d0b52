import type { Organization, User } from '../../kit.ts';

/**
 * Chatwoot's people, in the two shapes its code renders: the signed-in user
 * (`api/v1/models/_user.json.jbuilder`, the body of `/auth/sign_in`'s `data` and of
 * `/api/v1/profile`) and the agent (`api/v1/models/_agent.json.jbuilder`: agent lists, inbox
 * members, a conversation's assignee). Ids are the users' public ids; the account is the
 * organization (one per user here). Presenters take loaded data and do no I/O.
 */

const ROLES = { admin: 'administrator', agent: 'agent' } as const;

/** Chatwoot's availability words for our presence: a paused agent is "busy" (reachable, not routed to). */
const AVAILABILITY = { online: 'online', pause: 'busy', offline: 'offline' } as const;

export const chatwootRoleOf = (user: User) => ROLES[user.role];
export const availabilityOf = (user: User) => AVAILABILITY[user.presence];

/** The other way, for requests that set an availability (profile, agents). */
export type ChatwootAvailability = (typeof AVAILABILITY)[keyof typeof AVAILABILITY];
export const CHATWOOT_AVAILABILITIES = Object.values(AVAILABILITY);
export const presenceOf = (availability: ChatwootAvailability) =>
  (Object.keys(AVAILABILITY) as Array<keyof typeof AVAILABILITY>).find((presence) => AVAILABILITY[presence] === availability)!;

/** Chatwoot's role words to ours. */
export type ChatwootRole = (typeof ROLES)[keyof typeof ROLES];
export const CHATWOOT_ROLES = Object.values(ROLES);
export const roleOf = (role: ChatwootRole) => (role === 'administrator' ? 'admin' : 'agent');

/** What Chatwoot calls `available_name`: the display name when set, else the name. */
export const availableNameOf = (user: User) => user.alias ?? user.name;

/** Chatwoot renders a missing avatar as an empty string, not null. */
const avatarOf = (user: User) => user.avatarUrl ?? '';

/**
 * An agent. `confirmed` is Chatwoot's "accepted the invitation": here, has a password to sign in
 * with (an agent created without one is an invitation). `auto_offline` is always true: a console
 * that goes away sets its agent offline after the grace period.
 */
export function presentAgent(user: User, account: Organization) {
  return {
    id: user.publicId,
    account_id: account.accountNumber,
    availability_status: availabilityOf(user),
    auto_offline: true,
    confirmed: user.hasPassword,
    email: user.email,
    provider: 'email',
    available_name: availableNameOf(user),
    custom_attributes: {},
    name: user.name,
    role: chatwootRoleOf(user),
    thumbnail: avatarOf(user),
  };
}

export type ChatwootAgent = ReturnType<typeof presentAgent>;

/** `User#push_event_data`: a message's agent sender, a conversation's assignee in push data. */
export function presentUserPushData(user: User) {
  return {
    id: user.publicId,
    name: user.name,
    available_name: availableNameOf(user),
    avatar_url: avatarOf(user),
    type: 'user' as const,
    availability_status: availabilityOf(user),
    thumbnail: avatarOf(user),
  };
}

/** The credentials a user object carries, which the route knows and the user row does not. */
export interface UserTokens {
  /** A token of this user that works as `api_access_token` (the one just issued, or the one presented). */
  accessToken: string;
  /** The user's stable realtime token (pubsub-token.ts). */
  pubsubToken: string;
}

/**
 * The signed-in user, keys in the partial's order. `type` is the STI column of Chatwoot's users
 * table, null for every user but super admins. Invitations, message signatures and UI settings
 * are not kept here: `inviter_id` and `message_signature` are null, `ui_settings` empty.
 */
export function presentProfile(user: User, account: Organization, tokens: UserTokens) {
  const role = chatwootRoleOf(user);
  return {
    access_token: tokens.accessToken,
    account_id: account.accountNumber,
    available_name: availableNameOf(user),
    avatar_url: avatarOf(user),
    confirmed: user.hasPassword,
    display_name: user.alias,
    message_signature: null,
    email: user.email,
    id: user.publicId,
    inviter_id: null,
    name: user.name,
    provider: 'email',
    pubsub_token: tokens.pubsubToken,
    custom_attributes: {},
    role,
    ui_settings: {},
    uid: user.email,
    type: null,
    accounts: [
      {
        id: account.accountNumber,
        name: account.name,
        status: 'active',
        active_at: null,
        role,
        permissions: [role],
        availability: availabilityOf(user),
        availability_status: availabilityOf(user),
        auto_offline: true,
      },
    ],
  };
}

export type ChatwootProfile = ReturnType<typeof presentProfile>;
