import { Type } from 'typebox';
import { HttpUrl, Nullable, Timestamp } from '../../../../../protocol/native-api.ts';

/**
 * Building blocks shared by the native resources. Limits match the core's
 * (names 200, e-mails 254, passwords 200) so the schema rejects first, with the field named.
 */
/** The building blocks of the response schemas (protocol/native-api.ts), which the request schemas use too. */
export { HttpUrl, Nullable, Timestamp };

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });

/**
 * Ids are not format-checked here on purpose: a malformed id names no row,
 * so it is a 404 like any other unknown id rather than a 400.
 */
export const IdParams = Type.Object({ id: Type.String() });

/** Response of a DELETE: no body. */
export const NoContent = Type.Null({ description: 'No content' });
