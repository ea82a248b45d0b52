import type { Core } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { getWidget } from '../queries/widgets.ts';
import { hubLinksOf, type HubLink } from '../queries/hub-links.ts';
import { requireText } from '../validation.ts';
import { updateWidget } from './update-widget.ts';

/** The console frames these pages: only http(s), normalized. */
function httpUrl(field: string, value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw invalid(field, `${field} must be an http(s) URL`);
  return url.href;
}

/**
 * Replaces a widget's Hub SDK links. They live in the widget's `vendorData.console`
 * document (no column of their own), next to whatever else the console keeps there.
 */
export async function setHubLinks(core: Core, organizationId: string, widgetId: string, links: HubLink[]): Promise<HubLink[]> {
  const widget = await getWidget(core, organizationId, widgetId);
  if (!widget) throw notFound('widget not found');
  const hubLinks = links.map((link, i) => ({ label: requireText(`links[${i}].label`, link.label, 100), url: httpUrl(`links[${i}].url`, link.url) }));
  const updated = await updateWidget(core, organizationId, widgetId, { vendorData: { console: { ...widget.vendorData.console, hubLinks } } });
  return hubLinksOf(updated);
}
