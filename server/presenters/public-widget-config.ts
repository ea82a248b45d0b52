import type { RatingScale, WidgetUiSettings } from '../core/commands/widget-ui-settings.ts';

/**
 * What the visitor widget reads about its widget: `GET /native/v1/public/widgets/{id}`.
 * Types only, free of Node and DOM types, so the widget (a browser build with its own
 * tsconfig) can `import type` the same contract the server answers with.
 */

export type { RatingScale, WidgetUiSettings };

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
