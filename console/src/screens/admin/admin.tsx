import { Link, match } from '../../router.tsx';
import { ApiKeysScreen } from './api-keys.tsx';
import { IntegrationsScreen } from './integrations.tsx';
import { OrganizationScreen } from './organization.tsx';
import { UsersScreen } from './users.tsx';
import { WidgetEditor } from './widget-editor.tsx';
import { WidgetsScreen } from './widgets.tsx';

const SECTIONS = [
  { href: '/admin/widgets', label: 'Widgets' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/api-keys', label: 'API keys' },
  { href: '/admin/integrations', label: 'Integrations' },
  { href: '/admin/organization', label: 'Organization' },
];

function Section({ path }: { path: string }) {
  const widget = match('/admin/widgets/:id', path);
  if (widget) return <WidgetEditor widgetId={widget.id!} />;
  if (path === '/admin/users') return <UsersScreen />;
  if (path === '/admin/api-keys') return <ApiKeysScreen />;
  if (path === '/admin/integrations') return <IntegrationsScreen />;
  if (path === '/admin/organization') return <OrganizationScreen />;
  return <WidgetsScreen />;
}

/** Settings for administrators: widgets, the team, API keys, integrations (webhooks and bots), the organization. */
export function AdminScreen({ path }: { path: string }) {
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label="Settings">
        {SECTIONS.map((section) => (
          <Link href={section.href} aria-current={path.startsWith(section.href) ? 'page' : undefined}>
            {section.label}
          </Link>
        ))}
      </nav>
      <div class="admin-main">
        <Section path={path} />
      </div>
    </div>
  );
}
