import type { HubLink } from '../../../protocol/native-api.ts';
import type { Widget } from '../types.ts';

/** A "persistent agent link" (SnapEngage Hub SDK): a page the console shows in an iframe beside each chat of the widget. */
export type { HubLink };

const isHubLink = (value: unknown): value is HubLink =>
  typeof value === 'object' && value !== null && typeof (value as HubLink).label === 'string' && typeof (value as HubLink).url === 'string';

/** The widget's links as stored by setHubLinks; anything else found there is ignored rather than trusted. */
export function hubLinksOf(widget: Widget): HubLink[] {
  const stored = widget.vendorData.console?.hubLinks;
  return Array.isArray(stored) ? stored.filter(isHubLink) : [];
}
