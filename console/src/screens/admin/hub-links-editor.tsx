import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { HubLink } from '../../api/types.ts';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { hubLinksOf } from '../../state/directory.ts';

/**
 * Hub SDK "persistent agent links": pages shown beside every chat of this widget. Only
 * pages at these origins may send commands to the console, so list exactly the apps you trust.
 */
export function HubLinksEditor({ widgetId }: { widgetId: string }) {
  const { resource } = useResource(() => api.get<{ links: HubLink[] }>(`/widgets/${widgetId}/hub-links`).then((r) => r.links), [widgetId]);
  const [links, setLinks] = useState<HubLink[] | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const shown = links ?? (resource.status === 'ready' ? resource.value : []);
  const set = (index: number, change: Partial<HubLink>) => setLinks(shown.map((link, i) => (i === index ? { ...link, ...change } : link)));

  const save = async () => {
    try {
      const answer = await api.put<{ links: HubLink[] }>(`/widgets/${widgetId}/hub-links`, { links: shown });
      setLinks(answer.links);
      hubLinksOf(widgetId).refresh();
      setMessage({ error: false, text: 'Agent links saved. Agents see them in chats they open from now on.' });
    } catch (failure) {
      setMessage({ error: true, text: errorText(failure) });
    }
  };

  if (resource.status === 'error') return <p class="error">Could not load the agent links: {resource.message}</p>;
  return (
    <div class="stack">
      {shown.length === 0 && <p class="muted">No agent links. Add the URL of an app that speaks the SnapEngage Hub SDK.</p>}
      {shown.map((link, index) => (
        <div class="inline-form">
          <input aria-label="Label" placeholder="Label, e.g. CRM" value={link.label} maxLength={100} onInput={(e) => set(index, { label: e.currentTarget.value })} />
          <input aria-label="URL" type="url" placeholder="https://app.example.com/hub" value={link.url} onInput={(e) => set(index, { url: e.currentTarget.value.trim() })} class="grow" />
          <button type="button" class="link-button" onClick={() => setLinks(shown.filter((_, i) => i !== index))}>
            Remove
          </button>
        </div>
      ))}
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => setLinks([...shown, { label: '', url: '' }])}>
          Add link
        </button>
        <button type="button" class="primary" onClick={() => void save()}>
          Save agent links
        </button>
      </div>
      {message && (
        <p class={message.error ? 'error' : 'success'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
