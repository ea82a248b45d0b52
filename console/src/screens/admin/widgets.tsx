import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { Widget } from '../../api/types.ts';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Link, navigate } from '../../router.tsx';
import { widgetDirectory } from '../../state/directory.ts';

/** The organization's widgets, and a one-field form to add one (everything else is set in the editor). */
export function WidgetsScreen() {
  const { resource } = useResource(() => api.get<{ widgets: Widget[] }>('/widgets').then((r) => r.widgets));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setError('Give the widget a name, e.g. "Shop support".');
    try {
      const { widget } = await api.post<{ widget: Widget }>('/widgets', { name: name.trim() });
      widgetDirectory.refresh();
      navigate(`/admin/widgets/${widget.id}`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  return (
    <div class="admin-page">
      <h1>Widgets</h1>
      <p class="muted">A widget is one chat button on a website, with its own opening hours, agents and rules.</p>
      <form class="inline-form card" onSubmit={create}>
        <label for="new-widget">New widget</label>
        <input id="new-widget" placeholder="Name, e.g. Shop support" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Create widget
        </button>
        <p class="error" role="alert">{error}</p>
      </form>
      {resource.status === 'loading' && <p aria-busy="true">Loading widgets…</p>}
      {resource.status === 'error' && <p class="error">Could not load the widgets: {resource.message}</p>}
      {resource.status === 'ready' &&
        (resource.value.length === 0 ? (
          <p class="empty-inline">No widgets yet. Create the first one above, then paste its snippet into your website.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Agents</th>
                <th>Chats</th>
              </tr>
            </thead>
            <tbody>
              {resource.value.map((widget) => (
                <tr>
                  <td>
                    <Link href={`/admin/widgets/${widget.id}`}>{widget.name}</Link>
                  </td>
                  <td>{widget.members.length}</td>
                  <td>{widget.conversationsEnabled ? 'On' : 'Off'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
