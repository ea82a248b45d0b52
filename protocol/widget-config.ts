/**
 * The visitor widget's configuration as the server answers it: the look-and-behaviour document
 * (`widgets.ui_settings`, edited in the console at /widgets/{id}/ui-settings) and the public
 * view of a widget (`GET /native/v1/public/widgets/{id}`). Plain types, no imports: the console
 * and the widget import them type-only.
 */

export type RatingScale = 'NUMBER' | 'STAR';
type LauncherPosition = 'right' | 'left';

/** Checked and defaulted by server/core/commands/widget-ui-settings.ts, which names the offending field. */
export interface WidgetUiSettings {
  /** Launcher, header and visitor bubbles, `#rrggbb`. */
  color: string;
  position: LauncherPosition;
  /** Header title; empty means the translated "Chat with us". */
  title: string;
  /** Language when the page does not call setLocale: one of the widget's (WIDGET_LANGUAGES on the server). */
  language: string;
  /** Sounds on new messages, until the visitor or `allowChatSound` switches them. */
  sounds: boolean;
  fileUpload: boolean;
  /** Off: the visitor writes straight into the chat. E-mail and message rules are the widget's own columns. */
  prechat: { enabled: boolean; nameRequired: boolean };
  rating: { enabled: boolean; scale: RatingScale };
  /** A free-text comment after the rating. */
  survey: { enabled: boolean };
  transcript: { enabled: boolean };
  proactive: {
    delaySeconds: number;
    /** The invitation, shown as coming from the first member; empty means the translated default. */
    message: string;
    /** 0 keeps the invitation until the visitor closes it (SnapEngage's default is 2). */
    autoCloseMinutes: number;
    /** Show the invitation as a small bubble rather than the open chat box. */
    minimized: boolean;
  };
}

/** A member as visitors see them: the alias and avatar of the widget, nothing internal. */
export interface PublicAgent {
  /** The user or bot id, as it appears in `conversation.assigned`. */
  id: string;
  alias: string;
  avatarUrl: string | null;
  bot: boolean;
}

export interface PublicWidgetConfig {
  id: string;
  name: string;
  online: boolean;
  /** Columns the server enforces on start_chat. */
  emailRequired: boolean;
  messageRequired: boolean;
  proactiveEnabled: boolean;
  agents: PublicAgent[];
  settings: WidgetUiSettings;
}
