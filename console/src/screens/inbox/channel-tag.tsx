import type { Widget } from '../../api/types.ts';
import { channelBadges } from '../../lib/format.ts';
import { useWidget } from '../../state/directory.ts';

/** Which widget or inbox a chat came through: its name, with a badge for channels other than the web widget. */
export function ChannelTag({ widget }: { widget: Widget | undefined }) {
  if (!widget) return null;
  const badge = channelBadges[widget.channelType];
  return (
    <span class="channel-tag" title={`Came through ${widget.name}`}>
      <span class="channel-name">{widget.name}</span>
      {badge && (
        <>
          {' '}
          <span class="channel-badge">{badge}</span>
        </>
      )}
    </span>
  );
}

/** The channel line of a conversation row (inbox and history lists); empty until the widget is known. */
export function RowChannel({ widgetId }: { widgetId: string }) {
  const widget = useWidget(widgetId);
  return widget ? (
    <span class="row-channel">
      <ChannelTag widget={widget} />
    </span>
  ) : null;
}
