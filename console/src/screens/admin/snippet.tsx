import { useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import { useResource } from '../../lib/use-resource.ts';

/** The code to paste before </body> on the website, with a copy button. */
export function Snippet({ widgetId }: { widgetId: string }) {
  const { resource } = useResource(() => api.get<{ snippet: string }>(`/widgets/${widgetId}/snippet`).then((r) => r.snippet), [widgetId]);
  const [copied, setCopied] = useState(false);
  if (resource.status === 'loading') return <p aria-busy="true">Loading the snippet…</p>;
  if (resource.status === 'error') return <p class="error">Could not load the snippet: {resource.message}</p>;
  const copy = async () => {
    await navigator.clipboard.writeText(resource.value).catch(() => {});
    setCopied(true);
  };
  return (
    <div class="stack">
      <p class="muted">Paste this into every page of your website, just before &lt;/body&gt;.</p>
      <textarea class="code" readOnly rows={8} value={resource.value} aria-label="Widget snippet" onFocus={(e) => e.currentTarget.select()} />
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy snippet'}
        </button>
      </div>
    </div>
  );
}
