import type { WidgetState } from '../chat/state.ts';
import { Avatar } from './Avatar.tsx';
import { useWidget } from './context.ts';
import { Icon } from './icons.tsx';

/** The round button in the corner: opens the box, or closes it while it is open. */
export function Launcher({ state }: { state: WidgetState }) {
  const { controller, t } = useWidget();
  const open = state.panelOpen;
  const label = open ? t('minimize') : state.online ? t('openChat') : t('offlineTitle');
  return (
    <button
      type="button"
      class={`launcher ${state.online ? 'online' : 'offline'}`}
      aria-label={state.unread > 0 && !open ? `${label}, ${t('unread', { n: state.unread })}` : label}
      aria-expanded={open}
      onClick={() => (open ? controller.minimize() : controller.open())}
    >
      <Icon name={open ? 'down' : state.online ? 'chat' : 'mail'} />
      {state.online && !open && <span class="presence" aria-hidden="true" />}
      {state.unread > 0 && !open && (
        <span class="badge" aria-hidden="true">
          {state.unread}
        </span>
      )}
    </button>
  );
}

/** A minimized proactive invitation: the agent's line next to the launcher; a click opens the box. */
export function InvitationBubble({ state }: { state: WidgetState }) {
  const { controller, t } = useWidget();
  const invitation = state.invitation!;
  const name = invitation.agent?.alias ?? '';
  return (
    <div class="bubble-wrap" role="status">
      <button type="button" class="bubble" onClick={() => controller.open()}>
        <Avatar agent={invitation.agent} name={name} />
        <span>
          <span class="who">{name}</span>
          <p>{invitation.message}</p>
        </span>
      </button>
      <button type="button" class="icon-btn dismiss" aria-label={t('dismiss')} onClick={() => controller.closeBox()}>
        <Icon name="close" />
      </button>
    </div>
  );
}
