import type { Installation } from '../core/commands/bootstrap-installation.ts';
import { widgetSnippet } from '../presenters/widget-snippet.ts';

/** What `switchboard start` prints once it listens: where to go next, and first-start secrets once. */
export function startBanner(publicUrl: string, installation: Installation): string {
  const lines = [
    '',
    'Switchboard is running.',
    `  Console:    ${publicUrl}/console`,
    `  Demo page:  ${publicUrl}/demo`,
    `  Health:     ${publicUrl}/healthz`,
    `  API docs:   ${publicUrl}/openapi.json`,
  ];
  const first = installation.firstStart;
  if (first) {
    lines.push(
      '',
      'First start: an organization, an admin, a demo widget and an API key were created.',
      `  Admin e-mail:  ${first.adminEmail}`,
      first.generatedPassword
        ? `  Password:      ${first.generatedPassword}   (shown only now; change it in the console)`
        : '  Password:      the one in ADMIN_PASSWORD',
      `  API key:       ${first.apiKey}   (shown only now)`,
    );
  }
  if (installation.demoWidgetId) {
    lines.push('', 'Widget snippet (paste before </body>):', widgetSnippet(publicUrl, installation.demoWidgetId));
  }
  return `${lines.join('\n')}\n`;
}
