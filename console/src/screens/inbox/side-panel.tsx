import { useState } from 'preact/hooks';
import type { ConversationDetail, Widget } from '../../api/types.ts';
import { HubFrame } from '../../hub/hub-frame.tsx';
import { isWebChannel } from '../../lib/format.ts';
import { hubLinksOf, useLookup } from '../../state/directory.ts';
import { VisitorDetails } from './visitor-details.tsx';

/**
 * Beside the chat: the visitor's (or contact's) details and one tab per Hub SDK link of the widget.
 * Hidden tabs stay mounted so their pages keep receiving the conversation's events.
 */
export function SidePanel({
  detail,
  widget,
  onPopulate,
  readOnly,
  onClose,
}: {
  detail: ConversationDetail;
  /** The chat's channel; undefined while it loads. */
  widget: Widget | undefined;
  onPopulate: (text: string) => void;
  readOnly: boolean;
  onClose: () => void;
}) {
  const widgetId = detail.conversation.widgetId;
  const links = useLookup(hubLinksOf(widgetId), widgetId) ?? [];
  const [tab, setTab] = useState(0);
  const shownLinks = readOnly ? [] : links;
  const web = isWebChannel(widget?.channelType);

  return (
    <aside class="side-panel" aria-label={web ? 'Visitor details and apps' : 'Contact details and apps'}>
      {/* Only shown where the panel is a drawer over the chat (narrow screens). */}
      <button type="button" class="secondary drawer-close" onClick={onClose}>
        ← Back to the chat
      </button>
      {shownLinks.length > 0 && (
        <div class="tabs" role="tablist">
          {[web ? 'Visitor' : 'Contact', ...shownLinks.map((link) => link.label)].map((label, index) => (
            <button type="button" role="tab" aria-selected={tab === index} class={tab === index ? 'selected' : ''} onClick={() => setTab(index)}>
              {label}
            </button>
          ))}
        </div>
      )}
      <div class="tab-panel" hidden={tab !== 0}>
        <VisitorDetails detail={detail} widget={widget} />
      </div>
      {shownLinks.map((link, index) => (
        <div class="tab-panel hub-panel" hidden={tab !== index + 1}>
          <HubFrame link={link} detail={detail} onPopulate={onPopulate} />
        </div>
      ))}
    </aside>
  );
}
