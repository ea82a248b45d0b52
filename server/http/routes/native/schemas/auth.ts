import { Type, type Static } from 'typebox';
import { Email } from './common.ts';

/** No minimum on the password: accounts made through vendor APIs may have shorter ones than we now require. */
export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export type LoginBody = Static<typeof LoginBody>;
