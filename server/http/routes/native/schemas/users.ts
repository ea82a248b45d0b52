import { Type, type Static } from 'typebox';
import { RoleSchema, UserResponse, type UserView } from '../../../../../protocol/native-api.ts';
import type { User } from '../../../../core/types.ts';
import { Email, HttpUrl, Name, Nullable } from './common.ts';

/** Longer than any core rule (5) because the native API is where new passwords are chosen. */
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Phone = Type.String({ minLength: 1, maxLength: 50, pattern: '^[0-9+()./ x-]+$' });

/** Fields an admin may set on create and change on update (the e-mail is the login name and stays fixed). */
const Profile = Type.Object({
  name: Name,
  role: RoleSchema,
  password: Password,
  alias: Nullable(Name),
  avatarUrl: Nullable(HttpUrl),
  phone: Nullable(Phone),
  maxConcurrentChats: Type.Integer({ minimum: 0, maximum: 1000 }),
});
const OptionalProfile = Type.Partial(Profile);

/** `password` is optional: such a user can be added to widgets but cannot log in until one is set. */
export const CreateUserBody = Type.Object(
  { ...OptionalProfile.properties, email: Email, name: Name },
  { additionalProperties: false },
);

/** Every field optional. Disabling a user or setting a new password ends the user's sessions (core rule). */
export const UpdateUserBody = Type.Object(
  { ...OptionalProfile.properties, disabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const UserEnvelope = Type.Object({ user: UserResponse });
export const UserListEnvelope = Type.Object({ users: Type.Array(UserResponse) });

export type CreateUserBody = Static<typeof CreateUserBody>;
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export function presentUser(user: User): UserView {
  return {
    id: user.id,
    organizationId: user.organizationId,
    email: user.email,
    name: user.name,
    role: user.role,
    alias: user.alias,
    avatarUrl: user.avatarUrl,
    phone: user.phone,
    maxConcurrentChats: user.maxConcurrentChats,
    presence: user.presence,
    hasPassword: user.hasPassword,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}
