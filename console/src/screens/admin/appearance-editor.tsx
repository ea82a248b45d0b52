import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.ts';
import type { UiSettings } from '../../api/types.ts';
import { Choice } from '../../components/choice.tsx';
import { SaveBar, type SaveOutcome } from '../../components/save-bar.tsx';
import { errorText } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';

const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['nl', 'Nederlands'],
];

/** The visitor widget's look and behaviour: read with GET, replaced whole with PUT, so untouched fields keep their stored values. */
export function AppearanceEditor({ widgetId }: { widgetId: string }) {
  const { resource } = useResource(() => api.get<{ settings: UiSettings }>(`/widgets/${widgetId}/ui-settings`).then((r) => r.settings), [widgetId]);
  const [draft, setDraft] = useState<UiSettings | null>(null);
  const [message, setMessage] = useState<SaveOutcome | null>(null);
  useEffect(() => {
    if (resource.status === 'ready') setDraft(resource.value);
  }, [resource]);

  if (resource.status === 'error') return <p class="error">The appearance could not be loaded: {resource.message}</p>;
  if (!draft) return <p aria-busy="true">Loading…</p>;
  const s = draft;
  const set = (change: Partial<UiSettings>) => {
    setDraft({ ...s, ...change });
    setMessage(null);
  };
  const number = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const { settings } = await api.put<{ settings: UiSettings }>(`/widgets/${widgetId}/ui-settings`, { settings: s });
      setDraft(settings);
      setMessage({ error: false, text: 'Appearance saved.' });
    } catch (failure) {
      setMessage({ error: true, text: `Not saved: ${errorText(failure)}` });
    }
  };

  return (
    <form onSubmit={save} class="stack appearance" noValidate>
      <div class="appearance-grid">
        <div class="grid-form">
          <label for="ui-color">Colour of the launcher, header and chat bubbles</label>
          <span class="inline-form">
            <input id="ui-color" type="color" value={s.color} onInput={(e) => set({ color: e.currentTarget.value })} />
            <code>{s.color}</code>
          </span>
          <label for="ui-position">Launcher position</label>
          <select id="ui-position" value={s.position} onChange={(e) => set({ position: e.currentTarget.value as UiSettings['position'] })}>
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
          <label for="ui-title">Header title (empty: “Chat with us”, translated)</label>
          <input id="ui-title" value={s.title} maxLength={80} onInput={(e) => set({ title: e.currentTarget.value })} />
          <label for="ui-language">Language</label>
          <select id="ui-language" value={s.language} onChange={(e) => set({ language: e.currentTarget.value })}>
            {LANGUAGES.map(([code, name]) => (
              <option value={code}>{name}</option>
            ))}
          </select>
          <label for="ui-scale">Rating scale</label>
          <select id="ui-scale" value={s.rating.scale} disabled={!s.rating.enabled} onChange={(e) => set({ rating: { ...s.rating, scale: e.currentTarget.value as UiSettings['rating']['scale'] } })}>
            <option value="STAR">Stars</option>
            <option value="NUMBER">Numbers</option>
          </select>
        </div>
        <div class="grid-form">
          <Choice label="Rating after the chat" checked={s.rating.enabled} onChange={(v) => set({ rating: { ...s.rating, enabled: v } })} />
          <Choice label="Ask for a comment after the rating (survey)" checked={s.survey.enabled} onChange={(v) => set({ survey: { enabled: v } })} />
          <Choice label="Offer a transcript by e-mail" checked={s.transcript.enabled} onChange={(v) => set({ transcript: { enabled: v } })} />
          <Choice label="Sounds on by default" checked={s.sounds} onChange={(v) => set({ sounds: v })} />
          <Choice label="File upload in the chat" checked={s.fileUpload} onChange={(v) => set({ fileUpload: v })} />
          <Choice label="Show a form before the chat" checked={s.prechat.enabled} onChange={(v) => set({ prechat: { ...s.prechat, enabled: v } })} />
          <Choice label="The form asks for a name (required)" checked={s.prechat.nameRequired} onChange={(v) => set({ prechat: { ...s.prechat, nameRequired: v } })} />
          <p class="muted small">E-mail and first-message requirements are under Settings above.</p>
        </div>
      </div>
      <fieldset class="grid-form">
        <legend>Proactive invitation</legend>
        <label for="ui-delay">Delay before inviting (seconds)</label>
        <input id="ui-delay" type="number" min={0} max={3600} value={Number.isNaN(s.proactive.delaySeconds) ? '' : s.proactive.delaySeconds} onInput={(e) => set({ proactive: { ...s.proactive, delaySeconds: number(e.currentTarget.value) } })} />
        <label for="ui-message">Invitation (empty: the translated default)</label>
        <textarea id="ui-message" rows={2} maxLength={500} value={s.proactive.message} onInput={(e) => set({ proactive: { ...s.proactive, message: e.currentTarget.value } })} />
        <label for="ui-autoclose">Close the invitation after (minutes, 0 keeps it)</label>
        <input
          id="ui-autoclose"
          type="number"
          min={0}
          max={1440}
          value={Number.isNaN(s.proactive.autoCloseMinutes) ? '' : s.proactive.autoCloseMinutes}
          onInput={(e) => set({ proactive: { ...s.proactive, autoCloseMinutes: number(e.currentTarget.value) } })}
        />
        <Choice label="Show the invitation as a small bubble" checked={s.proactive.minimized} onChange={(v) => set({ proactive: { ...s.proactive, minimized: v } })} />
      </fieldset>
      <SaveBar label="Save appearance" outcome={message} />
    </form>
  );
}
