import { Type, type TSchema } from 'typebox';

/**
 * Building blocks shared by the native resources. Limits match the core's
 * (names 200, e-mails 254, passwords 200) so the schema rejects first, with the field named.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
/** Only http(s): these URLs end up in `<img src>` in the console and the widget. */
export const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });
export const Timestamp = Type.String({ format: 'date-time' });

/**
 * Ids are not format-checked here on purpose: a malformed id names no row,
 * so it is a 404 like any other unknown id rather than a 400.
 */
export const IdParams = Type.Object({ id: Type.String() });

/** Response of a DELETE: no body. */
export const NoContent = Type.Null({ description: 'No content' });
