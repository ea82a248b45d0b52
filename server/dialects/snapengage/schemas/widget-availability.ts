import { Type, type Static } from 'typebox';

/** Visitor Chat API `GET /api/v1/chat/{widgetId}` and Widget Availability API `GET /public/api/v2/chat/{widgetId}`. */

export const StringBoolean = Type.Union([Type.Literal('true'), Type.Literal('false')]);

export const WidgetParams = Type.Object({ widgetId: Type.String() });

export const AvailabilityResponse = Type.Object({
  widgetId: Type.String(),
  online: StringBoolean,
  emailRequired: StringBoolean,
  messageRequired: StringBoolean,
  screenshotRequired: StringBoolean,
});

/** The Visitor Chat API answers an unknown widget with a 404 and no body at all. */
export const EmptyBody = Type.Unknown({ description: 'empty body' });

/** `statusCode` 1 is success; any other value comes with `error` (the mobile SDKs' ErrorResponse). */
export const PublicAvailabilityError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.Object({ message: Type.String() }),
});

/** Errors ride on HTTP 200 too, so the one 200 schema covers both bodies. */
export const PublicAvailabilityResponse = Type.Union([
  Type.Object({ statusCode: Type.Literal(1), data: AvailabilityResponse }),
  PublicAvailabilityError,
]);

export type StringBoolean = Static<typeof StringBoolean>;
export type AvailabilityResponse = Static<typeof AvailabilityResponse>;
export type PublicAvailabilityError = Static<typeof PublicAvailabilityError>;
