import { findOrganization } from '../../db/repositories/organizations.ts';
import { findLiveWidgetAnywhere, findWidget } from '../../db/repositories/widgets.ts';
import { readUiSettings, type WidgetUiSettings } from '../commands/widget-ui-settings.ts';
import type { Core } from '../context.ts';
import type { Widget } from '../types.ts';
import { getWidgetAvailability } from './widget-availability.ts';

export interface PublicWidget {
  widget: Widget;
  online: boolean;
  settings: WidgetUiSettings;
}

/**
 * A live widget as its visitor widget needs it: availability and the settings with defaults filled
 * in; the transcript offer shows only while the organization allows transcripts too.
 */
export async function getPublicWidget(core: Core, widgetId: string): Promise<PublicWidget | undefined> {
  const availability = await getWidgetAvailability(core, widgetId);
  if (!availability) return undefined;
  // The domain Widget leaves the UI document out (only the widget reads it): one more primary-key read.
  const row = await findLiveWidgetAnywhere(core.db, widgetId);
  const settings = readUiSettings(row?.uiSettings);
  const organization = await findOrganization(core.db, availability.widget.organizationId);
  return { ...availability, settings: { ...settings, transcript: { enabled: settings.transcript.enabled && organization?.transcriptsEnabled === true } } };
}

/** An organization's widget's settings (the console's editor); undefined when unknown. */
export async function getWidgetUiSettings(core: Core, organizationId: string, widgetId: string): Promise<WidgetUiSettings | undefined> {
  const row = await findWidget(core.db, organizationId, widgetId);
  return row && readUiSettings(row.uiSettings);
}

/**
 * Whether a page on `hostname` may embed the widget. An empty list allows every site;
 * `example.com` also allows its subdomains (`shop.example.com`).
 */
export function isHostAllowed(allowedDomains: readonly string[], hostname: string): boolean {
  if (allowedDomains.length === 0) return true;
  const host = hostname.toLowerCase();
  return allowedDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** What serving the widget script needs to know: that the widget is live, and where it may be embedded. */
export async function getWidgetEmbedRules(core: Core, widgetId: string): Promise<{ allowedDomains: string[] } | undefined> {
  const row = await findLiveWidgetAnywhere(core.db, widgetId);
  return row && { allowedDomains: row.allowedDomains };
}
