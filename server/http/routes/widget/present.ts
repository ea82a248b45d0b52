import type { PublicWidget } from '../../../core/queries/public-widget.ts';
import type { PublicWidgetConfig } from '../../../../protocol/widget-config.ts';

/** The widget as visitors may see it: no e-mails, schedules, IP lists or vendor data. */
export function presentPublicWidget({ widget, online, settings }: PublicWidget): PublicWidgetConfig {
  return {
    id: widget.id,
    name: widget.name,
    online,
    emailRequired: widget.emailRequired,
    messageRequired: widget.messageRequired,
    proactiveEnabled: widget.proactiveEnabled,
    agents: widget.members.map((member) => ({
      id: (member.userId ?? member.botId)!,
      alias: member.alias,
      avatarUrl: member.avatarUrl,
      bot: member.botId !== null,
    })),
    settings,
  };
}
